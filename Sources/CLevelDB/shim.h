// LevelDB's C API, from Debian's libleveldb-dev (see scripts/setup.sh).
#include <leveldb/c.h>
