#pragma once
// INTERNAL to libpooled (colocation). A two-part objective value compared lexicographically:
// first the demand left unserved, then the cost. Location problems on sparse matrices must
// first serve every origin they can; carrying the unserved demand apart (rather than charging
// it a big-M cost) keeps both parts exact and the comparison free of a made-up penalty.

namespace pooled::colocation::detail {

struct LexValue {
    double unserved = 0.0; ///< demand (weights) that no open site reaches
    double cost = 0.0;     ///< weighted cost of the rest, plus site costs

    LexValue &operator+=(const LexValue &o) noexcept {
        unserved += o.unserved;
        cost += o.cost;
        return *this;
    }
    LexValue &operator-=(const LexValue &o) noexcept {
        unserved -= o.unserved;
        cost -= o.cost;
        return *this;
    }
    friend LexValue operator+(LexValue a, const LexValue &b) noexcept { return a += b; }
    friend LexValue operator-(LexValue a, const LexValue &b) noexcept { return a -= b; }
    friend LexValue operator*(double k, const LexValue &a) noexcept { return {k * a.unserved, k * a.cost}; }
    friend bool operator<(const LexValue &a, const LexValue &b) noexcept {
        return a.unserved < b.unserved || (a.unserved == b.unserved && a.cost < b.cost);
    }
    friend bool operator==(const LexValue &a, const LexValue &b) noexcept = default;
};

/// Tolerances for "better": sums built incrementally drift by rounding, so an improvement
/// must exceed these to count.
struct LexTolerance {
    double unserved = 0.0;
    double cost = 0.0;
    /// Whether `v` is an improvement (> 0) beyond rounding noise.
    bool positive(const LexValue &v) const noexcept {
        return v.unserved > unserved || (v.unserved >= -unserved && v.cost > cost);
    }
};

inline LexValue max(const LexValue &a, const LexValue &b) noexcept { return a < b ? b : a; }

} // namespace pooled::colocation::detail
