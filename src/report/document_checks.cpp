#include "report/document_checks.hpp"

#include "report/draw.hpp"

#include <pooled/core/error.hpp>

#include <string>

namespace pooled::report::detail {

void check_report(const Report &report) {
    for (const auto &section : report.sections) {
        for (const auto &block : section.blocks) {
            if (const auto *figure = std::get_if<FigureBlock>(&block)) {
                check_figure(figure->figure, figure->size.width_pt, figure->size.height_pt);
            }
            const auto *table = std::get_if<Table>(&block);
            if (table == nullptr) {
                continue;
            }
            for (std::size_t r = 0; r < table->rows.size(); ++r) {
                if (table->rows[r].size() > table->header.size()) {
                    throw Error(Errc::argument, "row " + std::to_string(r + 1) + " of the table '" + table->caption +
                                                    "' in the section '" + section.title + "' has " +
                                                    std::to_string(table->rows[r].size()) + " cells for " +
                                                    std::to_string(table->header.size()) + " columns");
                }
            }
        }
    }
}

} // namespace pooled::report::detail
