// request_parser.cpp - the grammar of SPEC.md section 6, one function a part.
//
// The parser rejects what the CLI can know is malformed (unknown words,
// missing @DOMAIN, oversized ids) so the operator sees which word was wrong;
// everything that needs the config (unknown users, features, sites) is left
// to the module, so what the CLI answers is what a PBX host would get.
#include "request_parser.hpp"

#include <cstddef>
#include <utility>

#include "request_words.hpp"

namespace scopegate::cli {
namespace {

using Words = std::span<const std::string_view>;

// A word quoted for a message; cut so one hostile word cannot flood stderr.
std::string quote(std::string_view word) {
  constexpr std::size_t kShown = 64;
  std::string out = "'";
  out.append(word.substr(0, kShown));
  if (word.size() > kShown) out.append("...");
  out.push_back('\'');
  return out;
}

bool fail(std::string &error, std::string message) {
  error = std::move(message);
  return false;
}

bool check_id(std::string_view value, std::string_view what, std::string &error) {
  if (value.empty()) return fail(error, "empty " + std::string(what));
  if (value.size() > kMaxIdBytes) {
    return fail(error, std::string(what) + " longer than 255 bytes");
  }
  return true;
}

struct AtSplit {
  std::string_view name, domain;
  bool has_domain = false;
};

// "NAME@DOMAIN" split at the last '@', so a domain never swallows part of a
// name and a name with '@' in it (invalid in config) still reaches the
// module whole and is answered there.
AtSplit split_at_domain(std::string_view word) {
  const std::size_t at = word.rfind('@');
  if (at == std::string_view::npos) return {word, {}, false};
  return {word.substr(0, at), word.substr(at + 1), true};
}

bool parse_actor(std::string_view word, Request &out, std::string &error) {
  const AtSplit split = split_at_domain(word);
  if (!split.has_domain) return fail(error, "missing @DOMAIN in " + quote(word));
  if (!check_id(split.name, "user", error) || !check_id(split.domain, "domain", error)) {
    return false;
  }
  out.actor = word;
  out.user = split.name;
  out.domain = split.domain;
  return true;
}

bool parse_login(Words args, Request &out, std::string &error) {
  if (args.size() != 2) return fail(error, "usage: login USER@DOMAIN CHANNEL");
  if (!parse_actor(args[0], out, error)) return false;
  out.channel = channel_from_word(args[1]);
  if (out.channel == 0) return fail(error, "unknown channel " + quote(args[1]));
  out.channel_word = args[1];
  return true;
}

bool parse_dial(Words args, Request &out, std::string &error) {
  if (args.size() != 2) return fail(error, "usage: dial USER@DOMAIN DESTINATION");
  if (!parse_actor(args[0], out, error)) return false;
  if (!check_id(args[1], "destination", error)) return false;
  out.destination = args[1];
  return true;
}

// NAME[@DOMAIN] of user:, queue: and site: targets.
bool parse_named_target(std::string_view body, std::string_view what, TargetSpec &target, std::string &error) {
  const AtSplit split = split_at_domain(body);
  if (!check_id(split.name, what, error)) return false;
  if (split.has_domain && !check_id(split.domain, "target domain", error)) return false;
  target.id = split.name;
  target.domain = split.domain;
  return true;
}

// KIND/ID[@DOMAIN] of object: targets; the kind ends at the first '/'.
bool parse_object_target(std::string_view body, TargetSpec &target, std::string &error) {
  const AtSplit split = split_at_domain(body);
  const std::size_t slash = split.name.find('/');
  if (slash == std::string_view::npos) {
    return fail(error, "object target needs KIND/ID, got " + quote(body));
  }
  target.object_kind = split.name.substr(0, slash);
  target.id = split.name.substr(slash + 1);
  if (!check_id(target.object_kind, "object kind", error) || !check_id(target.id, "object id", error)) {
    return false;
  }
  if (split.has_domain && !check_id(split.domain, "target domain", error)) return false;
  target.domain = split.domain;
  return true;
}

bool parse_target(std::string_view word, TargetSpec &target, std::string &error) {
  const std::size_t colon = word.find(':');
  if (colon == std::string_view::npos) {
    return fail(error, "target " + quote(word) + " is not KIND:ID");
  }
  const std::string_view kind_word = word.substr(0, colon);
  const std::string_view body = word.substr(colon + 1);
  target.kind = target_kind_from_word(kind_word);
  target.text = word;
  switch (target.kind) {
    case SG_TARGET_DOMAIN: target.id = body; return check_id(body, "domain", error);
    case SG_TARGET_OBJECT: return parse_object_target(body, target, error);
    case SG_TARGET_USER:
    case SG_TARGET_QUEUE:
    case SG_TARGET_SITE: return parse_named_target(body, kind_word, target, error);
    default: return fail(error, "unknown target kind " + quote(kind_word));
  }
}

struct FeatureOptions {
  std::string_view queue, scope, site, owner;
};

std::string_view *option_slot(std::string_view name, FeatureOptions &options) {
  if (name == "--queue") return &options.queue;
  if (name == "--scope") return &options.scope;
  if (name == "--site") return &options.site;
  if (name == "--owner") return &options.owner;
  return nullptr;
}

bool check_option_value(std::string_view name, std::string_view value, std::string &error) {
  if (name == "--scope") {
    if (is_scope_word(value)) return true;
    return fail(error, "unknown scope " + quote(value));
  }
  return check_id(value, name.substr(2), error);
}

// Consumes the option at args[i] (and its value, advancing i).
bool take_option(Words args, std::size_t &i, FeatureOptions &options, std::string &error) {
  std::string_view name = args[i];
  std::string_view value;
  const std::size_t eq = name.find('=');
  if (eq != std::string_view::npos) {
    value = name.substr(eq + 1);
    name = name.substr(0, eq);
  } else if (i + 1 < args.size() && !args[i + 1].starts_with("--")) {
    value = args[++i];
  } else {
    return fail(error, "option " + quote(name) + " needs a value");
  }
  std::string_view *slot = option_slot(name, options);
  if (slot == nullptr) return fail(error, "unknown option " + quote(name));
  if (!slot->empty()) return fail(error, "option " + quote(name) + " given twice");
  if (!check_option_value(name, value, error)) return false;
  *slot = value;
  return true;
}

// Puts the options into the target. --queue alone means "me in that queue";
// the other options describe a target and would be silently ignored by the
// module without one, so they are refused instead.
bool apply_options(const FeatureOptions &options, Request &out, std::string &error) {
  TargetSpec &target = out.target;
  if (target.kind == SG_TARGET_NONE && !options.queue.empty()) {
    target.kind = SG_TARGET_USER;
    target.id = out.user;
    target.domain = out.domain;
  }
  if (target.kind == SG_TARGET_NONE && !(options.scope.empty() && options.site.empty() && options.owner.empty())) {
    return fail(error, "--scope, --site and --owner need a TARGET");
  }
  target.queue = options.queue;
  target.scope = options.scope;
  target.site = options.site;
  target.owner = options.owner;
  return true;
}

bool parse_feature(Words args, Request &out, std::string &error) {
  std::string_view positional[3];
  std::size_t count = 0;
  FeatureOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].starts_with("--")) {
      if (!take_option(args, i, options, error)) return false;
    } else if (count == 3) {
      return fail(error, "unexpected word " + quote(args[i]));
    } else {
      positional[count++] = args[i];
    }
  }
  if (count < 2) return fail(error, "usage: feature USER@DOMAIN FEATURE [TARGET] [options]");
  if (!parse_actor(positional[0], out, error)) return false;
  if (!check_id(positional[1], "feature", error)) return false;
  out.feature = positional[1];
  if (count == 3 && !parse_target(positional[2], out.target, error)) return false;
  return apply_options(options, out, error);
}

bool parse_hook(std::string_view word, Hook &hook) {
  for (Hook candidate : {Hook::login, Hook::dial, Hook::feature}) {
    if (word == hook_name(candidate)) {
      hook = candidate;
      return true;
    }
  }
  return false;
}

}  // namespace

bool parse_request(Words words, Request &out, std::string &error) {
  out = Request{};
  std::size_t first = 0;
  if (!words.empty() && words[0] == "explain") {
    out.explain = true;
    first = 1;
  }
  if (first >= words.size() || !parse_hook(words[first], out.hook)) {
    if (first < words.size()) return fail(error, "unknown request " + quote(words[first]));
    return fail(error, out.explain ? "explain needs login, dial or feature" : "empty request");
  }
  const Words args = words.subspan(first + 1);
  switch (out.hook) {
    case Hook::login: return parse_login(args, out, error);
    case Hook::dial: return parse_dial(args, out, error);
    case Hook::feature: return parse_feature(args, out, error);
  }
  return fail(error, "unknown request");
}

}  // namespace scopegate::cli
