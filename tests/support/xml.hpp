#pragma once
// An XML document read with expat into a small tree, for tests that check documents pooled
// writes (QGIS styles, SVG): expat is an independent, strict parser, so a document it reads is
// well-formed, and the tree lets a test look at elements and attributes.

#include <expat.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace pooled::test {

struct XmlElement {
    std::string name;
    std::map<std::string, std::string> attributes;
    std::vector<std::unique_ptr<XmlElement>> children;
    std::string text; ///< character data directly inside the element

    /// An attribute's value, or "" if absent.
    std::string attribute(const std::string &key) const {
        const auto it = attributes.find(key);
        return it == attributes.end() ? std::string() : it->second;
    }
    /// Every element named `tag` below this one (depth first, document order).
    std::vector<const XmlElement *> find_all(const std::string &tag) const {
        std::vector<const XmlElement *> found;
        for (const auto &child : children) {
            if (child->name == tag) {
                found.push_back(child.get());
            }
            const auto deeper = child->find_all(tag);
            found.insert(found.end(), deeper.begin(), deeper.end());
        }
        return found;
    }
    /// The first direct child named `tag`, or nullptr.
    const XmlElement *child(const std::string &tag) const {
        for (const auto &c : children) {
            if (c->name == tag) {
                return c.get();
            }
        }
        return nullptr;
    }
};

/// Parses `text` (the whole document). @throws std::runtime_error with expat's message and the
/// line if the document is not well-formed.
inline XmlElement parse_xml(const std::string &text) {
    struct State {
        XmlElement root;
        std::vector<XmlElement *> open;
    } state;
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"),
                                                                                          &XML_ParserFree);
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(
        parser.get(),
        [](void *data, const XML_Char *name, const XML_Char **attributes) {
            auto *s = static_cast<State *>(data);
            XmlElement *element = &s->root;
            if (!s->open.empty()) {
                s->open.back()->children.push_back(std::make_unique<XmlElement>());
                element = s->open.back()->children.back().get();
            }
            element->name = name;
            for (int i = 0; attributes[i] != nullptr; i += 2) {
                element->attributes[attributes[i]] = attributes[i + 1];
            }
            s->open.push_back(element);
        },
        [](void *data, const XML_Char *) { static_cast<State *>(data)->open.pop_back(); });
    XML_SetCharacterDataHandler(parser.get(), [](void *data, const XML_Char *chars, int length) {
        auto *s = static_cast<State *>(data);
        if (!s->open.empty()) {
            s->open.back()->text.append(chars, static_cast<std::size_t>(length));
        }
    });
    if (XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), 1) != XML_STATUS_OK) {
        throw std::runtime_error(std::string("not well-formed XML: ") + XML_ErrorString(XML_GetErrorCode(parser.get())) +
                                 " at line " + std::to_string(XML_GetCurrentLineNumber(parser.get())));
    }
    return std::move(state.root);
}

} // namespace pooled::test
