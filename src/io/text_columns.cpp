#include "io/text_columns.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <variant>

namespace pooled::io::detail {

namespace {

/// What a piece of text is, read as a number.
struct Reading {
    enum class Shape { not_a_number, integer, decimal } shape = Shape::not_a_number;
    FieldValue number; ///< the number when the text is exactly how to_text writes it, else null
};

/// "-?(0|[1-9][0-9]*)(\.[0-9]+)?", integers within int64.
Reading read_number(std::string_view text) {
    Reading reading;
    std::size_t i = text.starts_with('-') ? 1 : 0;
    const std::size_t first_digit = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        ++i;
    }
    const std::size_t whole_digits = i - first_digit;
    if (whole_digits == 0 || (whole_digits > 1 && text[first_digit] == '0')) {
        return reading; // no digits, or a leading zero: a code such as "0607"
    }
    const char *begin = text.data();
    const char *end = text.data() + text.size();
    if (i == text.size()) {
        std::int64_t value = 0;
        const auto [stop, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc() || stop != end) {
            return reading; // beyond int64: kept as the text it is
        }
        reading.shape = Reading::Shape::integer;
        if (text != "-0") { // the shape rules out every other way of writing an integer twice
            reading.number = value;
        }
        return reading;
    }
    if (text[i] != '.' || i + 1 == text.size()) {
        return reading;
    }
    for (std::size_t k = i + 1; k < text.size(); ++k) {
        if (text[k] < '0' || text[k] > '9') {
            return reading;
        }
    }
    double value = 0.0;
    const auto [stop, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || stop != end || !std::isfinite(value)) {
        return reading;
    }
    reading.shape = Reading::Shape::decimal;
    if (to_text(value) == text) {
        reading.number = value;
    }
    return reading;
}

/// A stored value of a numeric column as `Kind`: numbers converted, text (written the long
/// way, "120.0") parsed.
FieldValue as_integer(const FieldValue &value) {
    if (const auto *text = std::get_if<std::string>(&value)) {
        std::int64_t parsed = 0;
        std::from_chars(text->data(), text->data() + text->size(), parsed);
        return parsed;
    }
    return value;
}

FieldValue as_real(const FieldValue &value) {
    if (const auto *i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    if (const auto *text = std::get_if<std::string>(&value)) {
        double parsed = 0.0;
        std::from_chars(text->data(), text->data() + text->size(), parsed);
        return parsed;
    }
    return value;
}

} // namespace

TextColumns::TextColumns(std::size_t columns, std::optional<std::size_t> id_column)
    : m_kinds(columns, Kind::integer), m_seen(columns, false) {
    if (id_column) {
        m_kinds.at(*id_column) = Kind::text;
        m_seen.at(*id_column) = true;
    }
}

FieldValue TextColumns::value(std::size_t column, std::string_view text, std::vector<Feature> &loaded) {
    Kind &kind = m_kinds[column];
    if (kind == Kind::text) {
        return std::string(text);
    }
    Reading reading = read_number(text);
    if (reading.shape == Reading::Shape::not_a_number) {
        // Numbers stored so far were written exactly as to_text writes them: their text is back.
        for (Feature &feature : loaded) {
            FieldValue &earlier = feature.values[column];
            if (std::holds_alternative<std::int64_t>(earlier) || std::holds_alternative<double>(earlier)) {
                earlier = to_text(earlier);
            }
        }
        kind = Kind::text;
        m_seen[column] = true;
        return std::string(text);
    }
    m_seen[column] = true;
    if (reading.shape == Reading::Shape::decimal) {
        kind = Kind::real;
    }
    if (std::holds_alternative<std::monostate>(reading.number)) {
        return std::string(text); // a number written another way ("120.0"): typed in finish()
    }
    return std::move(reading.number);
}

void TextColumns::finish(std::vector<Feature> &features, std::vector<FieldDef> &fields) const {
    for (std::size_t column = 0; column < m_kinds.size(); ++column) {
        const Kind kind = m_seen[column] ? m_kinds[column] : Kind::text;
        fields[column].type = kind == Kind::integer ? FieldType::integer
                              : kind == Kind::real  ? FieldType::real
                                                    : FieldType::string;
        if (kind == Kind::text) {
            continue;
        }
        for (Feature &feature : features) {
            FieldValue &value = feature.values[column];
            value = kind == Kind::integer ? as_integer(value) : as_real(value);
        }
    }
}

} // namespace pooled::io::detail
