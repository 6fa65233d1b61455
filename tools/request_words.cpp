// request_words.cpp - word tables of the CLI grammar.
//
// The CLI checks channel and scope words itself so that a typo is reported as
// `error bad_request` naming the word, instead of reaching the module as an
// arbitrary number or string.
#include "request_words.hpp"

#include <array>
#include <utility>

#include "scopegate/scopegate.h"

namespace scopegate::cli {
namespace {

constexpr std::array<std::pair<std::string_view, int32_t>, 6> kChannels{{
    {"portal", SG_CHANNEL_PORTAL},
    {"mobile_app", SG_CHANNEL_MOBILE_APP},
    {"web_phone", SG_CHANNEL_WEB_PHONE},
    {"attendant_console", SG_CHANNEL_ATTENDANT_CONSOLE},
    {"api", SG_CHANNEL_API},
    {"sip_device", SG_CHANNEL_SIP_DEVICE},
}};

constexpr std::array<std::string_view, 8> kScopes{
    "no_portal",    "basic_user",     "call_center_agent", "call_center_supervisor",
    "site_manager", "office_manager", "reseller",          "super_user",
};

constexpr std::array<std::pair<std::string_view, int32_t>, 5> kTargetKinds{{
    {"user", SG_TARGET_USER},
    {"queue", SG_TARGET_QUEUE},
    {"site", SG_TARGET_SITE},
    {"domain", SG_TARGET_DOMAIN},
    {"object", SG_TARGET_OBJECT},
}};

}  // namespace

int32_t channel_from_word(std::string_view word) {
  for (const auto& [name, value] : kChannels) {
    if (name == word) return value;
  }
  return 0;
}

bool is_scope_word(std::string_view word) {
  for (std::string_view name : kScopes) {
    if (name == word) return true;
  }
  return false;
}

int32_t target_kind_from_word(std::string_view word) {
  for (const auto& [name, value] : kTargetKinds) {
    if (name == word) return value;
  }
  return -1;
}

}  // namespace scopegate::cli
