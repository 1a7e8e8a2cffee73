// A schema file (TOML, io::load_schema) as `--schema FILE` reads it, then its mappings listed.

#include "harness.hpp"

#include <pooled/io/schema.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string path = pooled::fuzz::write_input(data, size, "schema.toml");
    pooled::fuzz::refusals_are_pooled_errors([&] {
        const pooled::io::Schema schema = pooled::io::load_schema(path);
        for (const char *role : {"assets", "zones", "users"}) {
            (void)pooled::io::schema_mapping(schema, role);
        }
    });
    pooled::fuzz::check_nothing_left_open(path);
    return 0;
}
