// How OpenStreetMap tags become profile rules: which highway classes each profile uses, how
// fast, in which directions, and which access tags close a way. Everything here is UK-centred
// (pooled's data is British); each table says where its numbers come from.
//
// Sources cited below:
//  [GOV]  GOV.UK, "Speed limits", https://www.gov.uk/speed-limits - national limits for cars and
//         motorcycles: built-up areas 30 mph, single carriageways 60 mph, dual carriageways
//         70 mph, motorways 70 mph. (Wales: 20 mph on restricted roads since 17 September 2023,
//         Restricted Roads (20 mph Speed Limit) (Wales) Order 2022; the defaults below do not
//         know where a way is, so a Welsh extract's untagged residential streets get 30 mph.)
//  [HC]   The Highway Code, rule 124 (speed limits; street lights = built-up), rule 64 (no
//         cycling on pavements), rule 253 (motorways must not be used by pedestrians or
//         cyclists).
//  [JTS]  Walking 4.8 km/h and cycling 16 km/h, with cyclists at walking pace where they must
//         push, as stated in Thurrock Council's "Study of travel access in and around Thurrock -
//         travel types" (80 m/min; 10 mph), which attributes them to the DfT Journey Time
//         Statistics. The JTS "notes and definitions" page (gov.uk, 2019) was not checked for
//         these exact figures: verify there before relying on them.
//  [OSMA] OSM wiki, "OSM tags for routing/Access restrictions", United Kingdom section, and
//         "Key:access" (the more specific key wins: motorcar > motor_vehicle > vehicle > access;
//         bicycle > vehicle > access; foot > access).
//  [OSMO] OSM wiki, "Key:oneway" (yes/true/1, -1/reverse, no/false/0; implied by
//         junction=roundabout and junction=circular, and by highway=motorway), "Key:oneway:bicycle",
//         "Key:cycleway" (cycleway=opposite* = cyclists may ride against a one-way street).
//  [OSMS] OSM wiki, "Key:maxspeed" (a bare number is km/h; units "mph", "knots"; implicit
//         values such as GB:nsl_single) and "Key:maxspeed:type" (GB:nsl_single 60 mph,
//         GB:nsl_dual 70 mph, GB:motorway 70 mph, GB:nsl_restricted 30 mph).

#include "network/osm_profile.hpp"

#include "core/text.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace pooled::network::detail {
namespace {

constexpr double mph = 0.44704;          // m/s in one mile per hour (1609.344 m / 3600 s, exact)
constexpr double kmh = 1.0 / 3.6;        // m/s in one km/h
constexpr double knot = 1852.0 / 3600.0; // m/s in one knot (1852 m / h)

/// Walking: 4.8 km/h = 1.333 m/s [JTS]; on every class, steps included (a simplification: no
/// slowing for steps, gradient or surface).
constexpr double walk_mps = 4.8 * kmh;
/// Cycling: 16 km/h = 4.444 m/s [JTS]; on every class a cyclist may ride.
constexpr double cycle_mps = 16.0 * kmh;
/// Pushing a bicycle where riding is not allowed (footways, pedestrian streets,
/// bicycle=dismount): walking pace [JTS].
constexpr double push_mps = walk_mps;

/// What the cycle profile does on a class.
enum class Cycle : unsigned char {
    no,   ///< not at all
    ride, ///< at cycling speed
    push, ///< at walking pace, unless a bicycle tag allows riding (yes, designated, ...)
};

/// One highway class: the drive profile's default speed in mph (0 = drive does not use the
/// class), whether walking uses it, what cycling does on it.
struct ClassRule {
    std::string_view highway;
    double drive_mph;
    bool walk;
    Cycle cycle;
};

// The classes every profile may use; any other highway value (construction, proposed,
// abandoned, disused, platform, busway, bus_guideway, raceway, corridor, elevator, rest_area,
// services, escape, ...) is used by no profile.
//
// Drive speeds are the UK national limits [GOV] for a way of the class whose maxspeed is not
// tagged, under this urban/rural assumption: the classes of the through network (trunk down
// to unclassified) run mostly outside built-up areas, so the single-carriageway national
// limit applies; streets (residential, road) are in built-up areas (street lights [HC]
// rule 124: 30 mph). Dual carriageways (70 mph) cannot be told from a single way's tags and
// are nearly always tagged (of Rutland's 176 trunk ways 164 carry maxspeed). Urban
// primary/secondary roads are usually tagged "30 mph" too. These are limits, i.e. free-flow
// upper bounds: no junction delay, no congestion, so drive times are optimistic.
//   motorway, motorway_link  70 mph  motorway limit [GOV]; a slip road is part of the motorway.
//   trunk .. unclassified    60 mph  single-carriageway national limit [GOV], rural assumption.
//   *_link                   as their class (the limit attaches to the road, not the lane).
//   residential, road        30 mph  built-up area [GOV] [HC 124]; "road" (class unknown) takes
//                                    the lower plausible limit rather than overstating reach.
//   living_street            20 mph  living streets and home zones are designed for less than
//                                    the 30 mph street limit; 20 mph is the lowest limit UK
//                                    signs use (DfT Circular 01/2013, "Setting local speed
//                                    limits", 20 mph limits and zones). 4 ways in Rutland.
//   service                  10 mph  no statutory limit on private roads and car parks; posted
//                                    limits there are commonly 5-10 mph (OSRM's car profile
//                                    uses 15 km/h = 9.3 mph for highway=service).
// Drive does not use tracks (farm and forest roads), bridleways, paths, footways, cycleways,
// steps or pedestrian streets.
//
// Walking uses every road but motorways and their slip roads ([HC] rule 253; trunk roads are
// open to pedestrians unless signed, which OSM tags as foot=no), and every path class.
// Cycleways are included for walking: in the UK most are shared use (a "cycle track" may
// carry a right of way on foot, Highways Act 1980 s.329); segregated ones are tagged foot=no
// or mapped with a separate footway.
//
// Cycling uses every road but motorways ([HC] rule 253), cycleways, paths, tracks and
// bridleways (Countryside Act 1968 s.30 lets cyclists ride on bridleways), not steps.
// Footways and pedestrian streets are pushed at walking pace ([HC] rule 64: no cycling on
// pavements; [JTS]: footpaths at walking pace) unless a bicycle tag allows riding.
constexpr std::array class_rules{
    ClassRule{"motorway", 70.0, false, Cycle::no},
    ClassRule{"motorway_link", 70.0, false, Cycle::no},
    ClassRule{"trunk", 60.0, true, Cycle::ride},
    ClassRule{"trunk_link", 60.0, true, Cycle::ride},
    ClassRule{"primary", 60.0, true, Cycle::ride},
    ClassRule{"primary_link", 60.0, true, Cycle::ride},
    ClassRule{"secondary", 60.0, true, Cycle::ride},
    ClassRule{"secondary_link", 60.0, true, Cycle::ride},
    ClassRule{"tertiary", 60.0, true, Cycle::ride},
    ClassRule{"tertiary_link", 60.0, true, Cycle::ride},
    ClassRule{"unclassified", 60.0, true, Cycle::ride},
    ClassRule{"residential", 30.0, true, Cycle::ride},
    ClassRule{"road", 30.0, true, Cycle::ride},
    ClassRule{"living_street", 20.0, true, Cycle::ride},
    ClassRule{"service", 10.0, true, Cycle::ride},
    ClassRule{"track", 0.0, true, Cycle::ride},
    ClassRule{"bridleway", 0.0, true, Cycle::ride},
    ClassRule{"cycleway", 0.0, true, Cycle::ride},
    ClassRule{"path", 0.0, true, Cycle::ride},
    ClassRule{"footway", 0.0, true, Cycle::push},
    ClassRule{"pedestrian", 0.0, true, Cycle::push},
    ClassRule{"steps", 0.0, true, Cycle::no},
};

const ClassRule *find_class(std::string_view highway) noexcept {
    for (const auto &rule : class_rules) {
        if (rule.highway == highway) {
            return &rule;
        }
    }
    return nullptr;
}

// Access values that close a way to the mode the key applies to [OSMA]. "no" and "private" as
// the issue asks; the others also mean "not the general public": permit (needs a permit),
// agricultural/forestry (only those vehicles), delivery, emergency, military, and
// use_sidepath (cyclists must use the parallel path, for bicycle=). Everything else - yes,
// permissive, destination, designated, customers, discouraged, unknown values - leaves it
// open: a routing analysis of public services should reach a car park for customers.
bool closes(std::string_view value) noexcept {
    constexpr std::array closing{std::string_view{"no"},       std::string_view{"private"},
                                 std::string_view{"permit"},   std::string_view{"agricultural"},
                                 std::string_view{"forestry"}, std::string_view{"delivery"},
                                 std::string_view{"emergency"}, std::string_view{"military"},
                                 std::string_view{"use_sidepath"}};
    for (const auto c : closing) {
        if (value == c) {
            return true;
        }
    }
    return false;
}

/// The first of `keys` (most specific first) that the way carries, with its value.
struct AccessTag {
    std::string_view key;
    std::string_view value;
};
template <std::size_t N>
std::optional<AccessTag> most_specific(const OsmTags &tags, const std::array<std::string_view, N> &keys) noexcept {
    for (const auto key : keys) {
        if (const auto value = tags.get(key)) {
            return AccessTag{key, *value};
        }
    }
    return std::nullopt;
}

enum class Direction { both, forward, backward };

/// oneway-style values [OSMO]; nullopt for anything else ("reversible", "alternating", typos),
/// which then counts as untagged: time-dependent directions are open both ways for an
/// accessibility analysis.
std::optional<Direction> parse_oneway(std::string_view value) noexcept {
    if (value == "yes" || value == "true" || value == "1") {
        return Direction::forward;
    }
    if (value == "-1" || value == "reverse") {
        return Direction::backward;
    }
    if (value == "no" || value == "false" || value == "0") {
        return Direction::both;
    }
    return std::nullopt;
}

/// The general one-way rule of a way for vehicles [OSMO]: the oneway tag if it has a known
/// value, else implied by junction=roundabout/circular and (when `motorway_implies`)
/// highway=motorway/motorway_link, else both ways.
Direction vehicle_direction(const OsmTags &tags, std::string_view highway, bool motorway_implies) noexcept {
    if (const auto oneway = tags.get("oneway")) {
        if (const auto direction = parse_oneway(*oneway)) {
            return *direction;
        }
    }
    const auto junction = tags.get("junction");
    if (junction && (*junction == "roundabout" || *junction == "circular")) {
        return Direction::forward;
    }
    if (motorway_implies && (highway == "motorway" || highway == "motorway_link")) {
        return Direction::forward;
    }
    return Direction::both;
}

/// Cycling: oneway:bicycle wins; else a contraflow cycleway (cycleway, cycleway:left,
/// cycleway:right or cycleway:both = opposite, opposite_lane, opposite_track, ...) opens both
/// ways; else the general rule [OSMO].
Direction cycle_direction(const OsmTags &tags, std::string_view highway) noexcept {
    if (const auto oneway = tags.get("oneway:bicycle")) {
        if (const auto direction = parse_oneway(*oneway)) {
            return *direction;
        }
    }
    for (const auto key : {std::string_view{"cycleway"}, std::string_view{"cycleway:left"},
                           std::string_view{"cycleway:right"}, std::string_view{"cycleway:both"}}) {
        const auto value = tags.get(key);
        if (value && value->starts_with("opposite")) {
            return Direction::both;
        }
    }
    return vehicle_direction(tags, highway, false);
}

WayRule with_direction(double speed_forward, double speed_backward, Direction direction) noexcept {
    WayRule rule;
    rule.usable = true;
    rule.forward_mps = direction == Direction::backward ? 0.0 : speed_forward;
    rule.backward_mps = direction == Direction::forward ? 0.0 : speed_backward;
    return rule;
}

WayRule drive_rule(const OsmTags &tags, const ClassRule &cls) {
    if (cls.drive_mph <= 0.0) {
        return {};
    }
    // Emergency access roads are closed to general traffic even when untagged otherwise.
    if (tags.get("service") == std::optional<std::string_view>{"emergency_access"}) {
        return {};
    }
    constexpr std::array<std::string_view, 4> keys{"motorcar", "motor_vehicle", "vehicle", "access"};
    if (const auto access = most_specific(tags, keys); access && closes(access->value)) {
        return {};
    }
    const double class_mps = cls.drive_mph * mph;
    const auto general = tags.get("maxspeed");
    const auto general_mps = general ? parse_maxspeed(*general) : std::nullopt;
    const auto directional = [&](std::string_view key) {
        const auto value = tags.get(key);
        const auto mps = value ? parse_maxspeed(*value) : std::nullopt;
        return mps ? mps : general_mps;
    };
    const auto forward = directional("maxspeed:forward");
    const auto backward = directional("maxspeed:backward");
    const auto direction = vehicle_direction(tags, cls.highway, true);
    auto rule = with_direction(forward.value_or(class_mps), backward.value_or(class_mps), direction);
    rule.default_speed = (direction != Direction::backward && !forward) || (direction != Direction::forward && !backward);
    return rule;
}

WayRule walk_rule(const OsmTags &tags, const ClassRule &cls) {
    if (!cls.walk) {
        return {};
    }
    constexpr std::array<std::string_view, 2> keys{"foot", "access"};
    if (const auto access = most_specific(tags, keys); access && closes(access->value)) {
        return {};
    }
    // Pedestrians may walk either way along one-way streets.
    return with_direction(walk_mps, walk_mps, Direction::both);
}

WayRule cycle_rule(const OsmTags &tags, const ClassRule &cls) {
    if (cls.cycle == Cycle::no) {
        return {};
    }
    constexpr std::array<std::string_view, 3> keys{"bicycle", "vehicle", "access"};
    const auto access = most_specific(tags, keys);
    if (access && closes(access->value)) {
        return {};
    }
    double speed = cls.cycle == Cycle::push ? push_mps : cycle_mps;
    if (access && access->key == "bicycle") {
        // Only a bicycle tag changes riding into pushing or back: access=yes on a footway says
        // the path is public, not that it may be ridden.
        speed = access->value == "dismount" ? push_mps : cycle_mps;
    }
    return with_direction(speed, speed, cycle_direction(tags, cls.highway));
}

/// The number at the start of `text` and the rest; nullopt if it does not start with one.
std::optional<std::pair<double, std::string_view>> leading_number(std::string_view text) noexcept {
    double number = 0.0;
    const auto *const end = text.data() + text.size();
    const auto [rest, ec] = std::from_chars(text.data(), end, number, std::chars_format::fixed);
    if (ec != std::errc{}) {
        return std::nullopt;
    }
    return std::pair{number, text.substr(static_cast<std::size_t>(rest - text.data()))};
}

} // namespace

std::optional<std::string_view> OsmTags::get(std::string_view key) const noexcept {
    for (const auto &tag : m_tags) {
        if (tag.key == key) {
            return tag.value;
        }
    }
    return std::nullopt;
}

std::optional<double> parse_maxspeed(std::string_view value) noexcept {
    // Of a list ("20 mph; 30 mph", a way whose limit changes or a conditional left in) the
    // first is taken.
    if (const auto semicolon = value.find(';'); semicolon != std::string_view::npos) {
        value = value.substr(0, semicolon);
    }
    value = pooled::detail::trim(value);
    // Implicit UK limits [OSMS], also under the older "UK:" prefix.
    struct Implicit {
        std::string_view code;
        double mph_value;
    };
    constexpr std::array implicit{Implicit{"nsl_single", 60.0}, Implicit{"nsl_dual", 70.0},
                                  Implicit{"motorway", 70.0}, Implicit{"nsl_restricted", 30.0}};
    if (value.size() > 3 && (pooled::detail::iequals(value.substr(0, 3), "GB:") ||
                             pooled::detail::iequals(value.substr(0, 3), "UK:"))) {
        for (const auto &code : implicit) {
            if (pooled::detail::iequals(value.substr(3), code.code)) {
                return code.mph_value * mph;
            }
        }
        return std::nullopt;
    }
    // A number with an optional unit [OSMS]: none = km/h.
    const auto number = leading_number(value);
    if (!number || !std::isfinite(number->first) || number->first <= 0.0) {
        return std::nullopt; // "none", "walk", "signals", "variable", "RO:urban", "0", ...
    }
    const auto unit = pooled::detail::trim(number->second);
    if (unit.empty() || pooled::detail::iequals(unit, "km/h") || pooled::detail::iequals(unit, "kmh") ||
        pooled::detail::iequals(unit, "kph")) {
        return number->first * kmh;
    }
    if (pooled::detail::iequals(unit, "mph")) {
        return number->first * mph;
    }
    if (pooled::detail::iequals(unit, "knots")) {
        return number->first * knot;
    }
    return std::nullopt;
}

std::optional<double> default_speed_mps(std::string_view highway, Profile profile) noexcept {
    const auto *const cls = find_class(highway);
    if (cls == nullptr) {
        return std::nullopt;
    }
    switch (profile) {
    case Profile::drive:
        return cls->drive_mph > 0.0 ? std::optional<double>{cls->drive_mph * mph} : std::nullopt;
    case Profile::walk:
        return cls->walk ? std::optional<double>{walk_mps} : std::nullopt;
    case Profile::cycle:
        switch (cls->cycle) {
        case Cycle::no: return std::nullopt;
        case Cycle::ride: return cycle_mps;
        case Cycle::push: return push_mps;
        }
    }
    return std::nullopt;
}

WayRule interpret_way(const OsmTags &tags, Profile profile) {
    const auto highway = tags.get("highway");
    if (!highway) {
        return {};
    }
    const auto *const cls = find_class(*highway);
    // area=yes: a square or yard drawn as a polygon (e.g. highway=pedestrian), not a line to
    // travel along; its edge would make a false ring road.
    if (cls == nullptr || tags.get("area") == std::optional<std::string_view>{"yes"}) {
        return {};
    }
    switch (profile) {
    case Profile::drive: return drive_rule(tags, *cls);
    case Profile::walk: return walk_rule(tags, *cls);
    case Profile::cycle: return cycle_rule(tags, *cls);
    }
    return {};
}

} // namespace pooled::network::detail
