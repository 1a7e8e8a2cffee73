#include <pooled/version.hpp>

#include <cstdio>

int main() {
    std::printf("pooled %s\n", pooled::version());
    return 0;
}
