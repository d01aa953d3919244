// libsecp256k1 with the recovery, extrakeys and schnorrsig modules, from Debian's
// libsecp256k1-dev (see scripts/setup.sh).
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
