/* Native driver: prints run(atoi(argv[1])) for the kernel it is linked with. */
#include <stdio.h>
#include <stdlib.h>

unsigned int run(int n);

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s ITERATIONS\n", argv[0]);
        return 2;
    }
    printf("%u\n", run(atoi(argv[1])));
    return 0;
}
