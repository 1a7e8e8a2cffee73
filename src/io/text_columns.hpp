#pragma once
// Internal: types for the columns of delimited text (CSV), decided from every value rather
// than from GDAL's guess over the first 100 kB. GDAL's guess turns an id such as "060750101"
// into the number 60750101 and a later "n/a" in a numeric column into 0, both silently; here
// a column is numeric only if every value in it is a number written the way numbers are
// ("12", "-3", "0.25", "120.0"; not "0607", "+1", "1e5", " 12"), so the text of a value
// that is kept as text is the text in the file, byte for byte.

#include <pooled/io/layer.hpp>

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace pooled::io::detail {

/// Types the attribute columns of a delimited layer while its features are read.
class TextColumns {
public:
    /// `id_column`, if any, stays text whatever it holds: an id is a name, and "1.10" and
    /// "1.1" are two of them.
    TextColumns(std::size_t columns, std::optional<std::size_t> id_column);

    /// The value to store for `text` in `column`. Numbers are stored as numbers while the
    /// column holds only numbers; when a value that is not a number arrives, the column's
    /// earlier values in `loaded` become text again (exactly as they were written).
    FieldValue value(std::size_t column, std::string_view text, std::vector<Feature> &loaded);

    /// Sets each column's type (integer, real or string) and stores every value of a numeric
    /// column as that type.
    void finish(std::vector<Feature> &features, std::vector<FieldDef> &fields) const;

private:
    enum class Kind { integer, real, text };
    std::vector<Kind> m_kinds;
    std::vector<bool> m_seen; ///< the column has a non-null value
};

} // namespace pooled::io::detail
