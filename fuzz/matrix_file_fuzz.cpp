// A cost-matrix file as `pooled locate --costs FILE.csv` (and `pooled access`) read it
// (network::read_matrix_file): a long CSV origin_id,destination_id,cost, or the
// origin_id,destination_id,seconds,metres table `pooled matrix` writes. The input's first line
// lists the origin ids (the demand layer's), the second the destination ids (the supply
// layer's), comma-separated; the rest is the file. Properties (matrix_file.hpp): the matrix
// has exactly those origins and destinations, every stored cost is finite, >= 0 and within the
// cutoff, no more pairs are stored than the file has rows with a cost, and the unit is known
// exactly for a `seconds` or `metres` column.

#include "harness.hpp"

#include <pooled/network/matrix_file.hpp>

#include <cmath>
#include <limits>

namespace {

/// The next line of `text` (consumed), split at commas.
std::vector<std::string> take_id_line(std::string_view &text) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    std::vector<std::string> ids;
    for (std::size_t start = 0; start <= line.size();) {
        const std::size_t comma = std::min(line.find(',', start), line.size());
        ids.emplace_back(line.substr(start, comma - start));
        start = comma + 1;
    }
    return ids;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    using namespace pooled::network;
    std::string_view text = pooled::fuzz::text_of(data, size);
    const std::vector<std::string> origin_ids = take_id_line(text);
    const std::vector<std::string> destination_ids = take_id_line(text);
    const std::string path = pooled::fuzz::write_input(reinterpret_cast<const std::uint8_t *>(text.data()), text.size(),
                                                       "costs.csv");
    MatrixFileOptions options;
    if (size % 3 == 0) {
        options.cutoff = 600.0; // a --cutoff in one input of three
    }
    pooled::fuzz::refusals_are_pooled_errors([&] {
        const MatrixFile file = read_matrix_file(pooled::io::LayerSource{path, {}}, origin_ids, destination_ids, options);
        const CostMatrix &matrix = file.matrix;
        if (matrix.origin_ids() != origin_ids || matrix.destination_ids() != destination_ids) {
            pooled::fuzz::finding("the matrix's ids are not the ones given");
        }
        if (matrix.stored() > file.rows - file.empty_costs) {
            pooled::fuzz::finding("more pairs stored than the file has rows with a cost");
        }
        if (file.unit_known != (file.cost_field == "seconds" || file.cost_field == "metres")) {
            pooled::fuzz::finding("unit_known is wrong for column '" + file.cost_field + "'");
        }
        const double limit = options.cutoff.value_or(std::numeric_limits<double>::infinity());
        for (std::size_t o = 0; o < matrix.origin_count(); ++o) {
            for (const MatrixEntry &entry : matrix.row(o)) {
                if (!std::isfinite(entry.cost) || entry.cost < 0.0 || entry.cost > limit) {
                    pooled::fuzz::finding("a stored cost is not finite, >= 0 and within the cutoff");
                }
            }
        }
    });
    pooled::fuzz::check_nothing_left_open(path);
    return 0;
}
