#include "apple_profile.h"

#include <Poco/AutoPtr.h>
#include <Poco/Base64Decoder.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/Exception.h>
#include <Poco/SAX/InputSource.h>

#include <sstream>
#include <stdexcept>

namespace hub::test {

namespace {

using Poco::XML::Element;
using Poco::XML::Node;

std::vector<Element*> childElements(Node* parent) {
    std::vector<Element*> out;
    for (Node* n = parent->firstChild(); n; n = n->nextSibling())
        if (n->nodeType() == Node::ELEMENT_NODE) out.push_back(static_cast<Element*>(n));
    return out;
}

std::string base64Decode(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string out((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    return out;
}

PlistDict readDict(Element* dict) {
    if (dict->nodeName() != "dict") throw std::runtime_error("expected <dict>, found <" + dict->nodeName() + ">");
    PlistDict out;
    const auto children = childElements(dict);
    if (children.size() % 2 != 0) throw std::runtime_error("a <dict> with a key and no value");
    for (std::size_t i = 0; i < children.size(); i += 2) {
        if (children[i]->nodeName() != "key") throw std::runtime_error("expected <key> in <dict>");
        const std::string key = children[i]->innerText();
        Element* value = children[i + 1];
        const std::string& type = value->nodeName();
        if (type == "string" || type == "integer") {
            out.strings[key] = value->innerText();
        } else if (type == "true" || type == "false") {
            out.strings[key] = type;
        } else if (type == "data") {
            out.data[key] = base64Decode(value->innerText());
        } else if (type == "array") {
            auto& list = out.arrays[key];
            for (Element* item : childElements(value)) list.push_back(readDict(item));
        } else {
            throw std::runtime_error("unexpected plist value <" + type + "> for " + key);
        }
    }
    return out;
}

}  // namespace

PlistDict parsePlist(const std::string& xml) {
    Poco::XML::DOMParser parser;
    // The DOCTYPE names Apple's DTD by URL; it is an identifier, never fetched.
    parser.setFeature(Poco::XML::DOMParser::FEATURE_FILTER_WHITESPACE, true);
    parser.setFeature("http://xml.org/sax/features/external-general-entities", false);
    parser.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    Poco::AutoPtr<Poco::XML::Document> doc;
    try {
        doc = parser.parseString(xml);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("not well-formed XML: " + e.displayText());
    }
    Element* root = doc->documentElement();
    if (!root || root->nodeName() != "plist") throw std::runtime_error("the root element is not <plist>");
    const auto top = childElements(root);
    if (top.size() != 1) throw std::runtime_error("<plist> must hold exactly one value");
    return readDict(top.front());
}

}  // namespace hub::test
