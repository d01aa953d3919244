// The header's functions are static inline; this file only gives the target a translation unit.
#include "keel_math.h"
