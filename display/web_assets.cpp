#include "display/web_assets.h"

namespace hub::display {

const WebAsset* findWebAsset(std::string_view name) {
    for (const auto& asset : webAssets())
        if (asset.name == name) return &asset;
    return nullptr;
}

}  // namespace hub::display
