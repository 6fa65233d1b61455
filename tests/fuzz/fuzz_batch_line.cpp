// The CLI's batch input (SPEC 6: one request a line, in the words of the
// commands) through the same tokenizer and parser `scopegate batch` uses.
//
// Checks: any bytes are taken without crashing; a parsed request points only
// into its own line and holds what the grammar allows; a failure says why;
// a request written back as words parses to the same request.
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_support_min.hpp"
#include "line_tokenizer.hpp"
#include "request_parser.hpp"
#include "request_words.hpp"

using namespace scopegate;
using namespace scopegate::cli;

namespace {

bool inside(std::string_view part, std::string_view line) {
  return part.empty() || (part.data() >= line.data() && part.data() + part.size() <= line.data() + line.size());
}

bool id_ok(std::string_view s) { return !s.empty() && s.size() <= kMaxIdBytes; }

void check_request(const Request &r, std::string_view line) {
  for (std::string_view part : {r.actor, r.user, r.domain, r.channel_word, r.destination, r.feature, r.target.text,
                                r.target.id, r.target.domain, r.target.object_kind, r.target.site, r.target.owner,
                                r.target.queue, r.target.scope})
    if (!inside(part, line)) sgfuzz_fail("a parsed request points outside its line");
  if (!id_ok(r.user) || !id_ok(r.domain)) sgfuzz_fail("a parsed request has a bad USER@DOMAIN");
  switch (r.hook) {
    case Hook::login:
      if (r.channel < SG_CHANNEL_PORTAL || r.channel > SG_CHANNEL_SIP_DEVICE ||
          channel_from_word(r.channel_word) != r.channel)
        sgfuzz_fail("a parsed login has a bad channel");
      break;
    case Hook::dial:
      if (!id_ok(r.destination)) sgfuzz_fail("a parsed dial has a bad destination");
      break;
    case Hook::feature:
      if (!id_ok(r.feature)) sgfuzz_fail("a parsed feature request has a bad feature id");
      if (r.target.kind < SG_TARGET_NONE || r.target.kind > SG_TARGET_OBJECT) sgfuzz_fail("bad target kind");
      if (!r.target.scope.empty() && !is_scope_word(r.target.scope)) sgfuzz_fail("a parsed scope is no scope word");
      if (r.target.kind != SG_TARGET_NONE && !id_ok(r.target.id)) sgfuzz_fail("a parsed target has a bad id");
      break;
  }
}

bool same(const Request &a, const Request &b) {
  const TargetSpec &x = a.target, &y = b.target;
  return a.hook == b.hook && a.explain == b.explain && a.user == b.user && a.domain == b.domain &&
         a.channel == b.channel && a.destination == b.destination && a.feature == b.feature && x.kind == y.kind &&
         x.id == y.id && x.domain == y.domain && x.object_kind == y.object_kind && x.site == y.site &&
         x.owner == y.owner && x.queue == y.queue && x.scope == y.scope;
}

void check_line(std::string_view line) {
  if (is_blank_or_comment(line)) return;
  std::vector<std::string_view> words;
  if (!split_words(line, words)) {
    if (words.size() != kMaxWords) sgfuzz_fail("split_words refused a line with few words");
    return;
  }
  if (words.size() > kMaxWords) sgfuzz_fail("split_words returned too many words");
  Request r;
  std::string error;
  if (!parse_request(words, r, error)) {
    if (error.empty()) sgfuzz_fail("a refused request has no message");
    return;
  }
  check_request(r, line);
  // The same words, written with single spaces, are the same request.
  std::string rewritten;
  for (std::string_view w : words) rewritten.append(w).push_back(' ');
  std::vector<std::string_view> again;
  Request r2;
  std::string error2;
  if (!split_words(rewritten, again) || !parse_request(again, r2, error2) || !same(r, r2))
    sgfuzz_fail("a request written back as words parses differently");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  while (!input.empty()) {  // lines as getline() gives them, newline included
    size_t nl = input.find('\n');
    size_t len = nl == std::string_view::npos ? input.size() : nl + 1;
    check_line(input.substr(0, len));
    input.remove_prefix(len);
  }
  return 0;
}
