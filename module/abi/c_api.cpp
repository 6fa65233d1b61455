// The C boundary: the only file with extern "C". It converts the host's
// structs to the engine's views, calls the engine, and converts back. Every
// entry point catches everything; a decision is a deny before anything else
// happens.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>

#include "engine/grant.hpp"
#include "abi/decision_log.hpp"
#include "abi/handle.hpp"
#include "abi/live_handles.hpp"
#include "report/dump.hpp"
#include "report/explain.hpp"
#include "report/report.hpp"
#include "scopegate/scopegate.h"

using namespace scopegate;

struct sg_handle {
  Handle impl;
};

namespace {

constexpr const char *kModuleVersion = SG_MODULE_VERSION;  // CMake's project version

// The smallest struct_size that covers every field of ABI 1.0.
template <class T>
constexpr uint32_t kMinSize = sizeof(T);
template <>
constexpr uint32_t kMinSize<sg_decision> = offsetof(sg_decision, explain);  // explain fields: only with SG_REQ_EXPLAIN
template <>
constexpr uint32_t kMinSize<sg_open_args> = offsetof(sg_open_args, diagnostic);  // diagnostic fields: ABI 1.1
template <>
constexpr uint32_t kMinSize<sg_info> = offsetof(sg_info, revision);  // revision and the load's work: ABI 1.3
template <>
constexpr uint32_t kMinSize<sg_check_result> = offsetof(sg_check_result, files_read);  // ABI 1.3 after it

// Where the fields of ABI 1.3 end: a host's struct must reach this far for
// the module to write them (an older host's smaller struct is not).
constexpr size_t kInfoEnd13 = offsetof(sg_info, load_usec) + sizeof(uint64_t);
constexpr size_t kCheckEnd13 = offsetof(sg_check_result, load_usec) + sizeof(uint64_t);

// Copies what the host's struct_size covers (a newer host's extra fields are
// ignored); false when it does not cover ABI 1.0.
template <class T>
bool copy_in(const T *in, T &out) {
  if (in == nullptr || in->struct_size < kMinSize<T>) return false;
  std::memset(&out, 0, sizeof(T));  // fields the host's struct_size does not cover stay unset
  std::memcpy(&out, in, std::min<size_t>(in->struct_size, sizeof(T)));
  return true;
}

// The request's flags, when its struct_size covers them (else none).
template <class T>
uint32_t flags_of(const T *req) {
  return req != nullptr && req->struct_size >= kMinSize<T> ? req->flags : 0;
}

// A NULL pointer with a length is malformed: it becomes a view no id rule
// accepts, so the engine answers bad_request.
std::string_view view(sg_str s) {
  static constexpr char kMalformed[] = "\x7f";
  if (s.ptr == nullptr) return s.len == 0 ? std::string_view{} : std::string_view{kMalformed, 1};
  return {s.ptr, s.len};
}

// Messages are copied without allocating: the error paths run out of
// memory too.
void copy_message(char (&dst)[512], std::string_view text, std::string_view more = {}) {
  char *end = dst + sizeof dst - 1;
  char *p = dst;
  for (std::string_view part : {text, more}) {
    size_t n = std::min(part.size(), static_cast<size_t>(end - p));
    if (n != 0) std::memcpy(p, part.data(), n);
    p += n;
  }
  *p = '\0';
  if (text.size() + more.size() >= sizeof dst) std::memcpy(dst + sizeof dst - 4, "...", 4);
}

void fill_error(sg_error *err, int32_t code, std::string_view message, std::string_view more = {}) {
  if (err == nullptr || err->struct_size < sizeof(sg_error)) return;
  err->code = code;
  copy_message(err->message, message, more);
}

// Fills the host's decision: deny first, then the outcome.
class DecisionWriter {
 public:
  explicit DecisionWriter(sg_decision *out) : out_(out) {
    usable_ = out != nullptr && out->struct_size >= kMinSize<sg_decision>;
    if (usable_) set(SG_DENY, Reason::internal_error, 0);
  }
  bool usable() const { return usable_; }

  // An error; with SG_REQ_EXPLAIN (when the request could be read) the
  // explanation says so, so the host never finds its buffer unwritten.
  int32_t fail(Reason reason, uint32_t flags = 0, Hook hook = Hook::feature) {
    if (!usable_) return SG_ERROR;
    set(SG_ERROR, reason, 0);
    if ((flags & SG_REQ_EXPLAIN) && out_->struct_size >= sizeof(sg_decision)) {
      Outcome o;
      decided(o, reason == Reason::bad_request ? Rule::bad_request : Rule::internal_error);
      o.hook = hook;
      if (flags & SG_REQ_EXPLAIN_JSON)
        write_explanation_json(nullptr, o, ExplainInput{}, out_->explain, out_->explain_cap);
      else
        write_explanation(nullptr, o, ExplainInput{}, out_->explain, out_->explain_cap);
    }
    return SG_ERROR;
  }

  // The verdict for an outcome; bad requests and internal errors are errors.
  // describe() gives the request's words, only for an explanation.
  template <class Describe>
  int32_t finish(const Snapshot *s, const Outcome &o, uint32_t flags, Describe describe) {
    int32_t verdict = o.allowed() ? SG_ALLOW : SG_DENY;
    if (o.reason == Reason::bad_request || o.reason == Reason::internal_error) verdict = SG_ERROR;
    set(verdict, o.reason, s ? s->generation : 0);
    if ((flags & SG_REQ_EXPLAIN) && out_->struct_size >= sizeof(sg_decision)) {
      if (flags & SG_REQ_EXPLAIN_JSON)
        write_explanation_json(s, o, describe(), out_->explain, out_->explain_cap);
      else
        write_explanation(s, o, describe(), out_->explain, out_->explain_cap);
    }
    return verdict;
  }

 private:
  sg_decision *out_;
  bool usable_;
  void set(int32_t verdict, Reason reason, uint64_t generation) {
    out_->verdict = verdict;
    out_->reason = static_cast<int32_t>(reason);
    out_->reason_name = reason_name(reason);
    out_->generation = generation;
  }
};

// describe() returns the request's words for a log line or an explanation;
// it is called only when one is written, so a plain decision copies nothing.
template <class Decide, class Describe>
int32_t decide(sg_handle *h, sg_decision *out, uint32_t flags, Decide decide_with, Describe describe) noexcept {
  DecisionWriter writer(out);
  try {
    auto reader = h->impl.read();
    const Snapshot *s = reader.get();
    if (s == nullptr) return writer.fail(Reason::internal_error, flags);
    Outcome o = decide_with(*s);
    log_decision(s, o, describe);
    return writer.usable() ? writer.finish(s, o, flags, describe) : SG_ERROR;
  } catch (...) {
    return writer.fail(Reason::internal_error, flags);
  }
}

int32_t sg_login_impl(sg_handle *h, const sg_login_req *req, sg_decision *out) noexcept {
  sg_login_req r;
  if (h == nullptr || !copy_in(req, r) || r.channel < SG_CHANNEL_PORTAL || r.channel > SG_CHANNEL_SIP_DEVICE ||
      out == nullptr || out->struct_size < kMinSize<sg_decision>)
    return DecisionWriter(out).fail(Reason::bad_request, flags_of(req), Hook::login);
  auto channel = static_cast<Channel>(r.channel);
  LoginRequest lr{view(r.user), view(r.domain), channel};
  return decide(
      h, out, r.flags, [&](const Snapshot &s) { return decide_login(s, lr); },
      [&] { return ExplainInput{lr.user, lr.domain, channel_name(channel), nullptr}; });
}

int32_t sg_dial_impl(sg_handle *h, const sg_dial_req *req, sg_decision *out) noexcept {
  sg_dial_req r;
  if (h == nullptr || !copy_in(req, r) || out == nullptr || out->struct_size < kMinSize<sg_decision>)
    return DecisionWriter(out).fail(Reason::bad_request, flags_of(req), Hook::dial);
  DialRequest dr{view(r.user), view(r.domain), view(r.destination)};
  return decide(
      h, out, r.flags, [&](const Snapshot &s) { return decide_dial(s, dr); },
      [&] { return ExplainInput{dr.user, dr.domain, dr.destination, nullptr}; });
}

// Target kind and scope word are conversions of the host's values (the
// engine checks the strings); nullopt when either is not one. The request is
// built in one piece (no zeroing first, then filling in).
std::optional<TargetRef> convert_target(const sg_target &in) {
  if (in.kind < SG_TARGET_NONE || in.kind > SG_TARGET_OBJECT) return std::nullopt;
  std::string_view scope_word = view(in.scope);
  std::optional<Scope> scope = scope_word.empty() ? std::nullopt : parse_scope(scope_word);
  if (!scope_word.empty() && !scope) return std::nullopt;
  return TargetRef{static_cast<TargetKind>(in.kind), view(in.id),   view(in.domain), view(in.object_kind),
                   view(in.site),                    view(in.owner), view(in.queue),  scope};
}

int32_t sg_feature_impl(sg_handle *h, const sg_feature_req *req, sg_decision *out) noexcept {
  sg_feature_req r;
  std::optional<TargetRef> target;
  if (h == nullptr || !copy_in(req, r) || !(target = convert_target(r.target)) || out == nullptr ||
      out->struct_size < kMinSize<sg_decision>)
    return DecisionWriter(out).fail(Reason::bad_request, flags_of(req), Hook::feature);
  const FeatureRequest fr{view(r.user), view(r.domain), view(r.feature), *target};
  return decide(
      h, out, r.flags, [&](const Snapshot &s) { return decide_feature(s, fr); },
      [&] { return ExplainInput{fr.user, fr.domain, fr.feature, &fr.target}; });
}

int32_t sg_open_impl(const sg_open_args *args, sg_handle **out, sg_error *err) noexcept {
  try {
    if (out) *out = nullptr;
    sg_open_args a;
    if (out == nullptr || !copy_in(args, a)) {
      fill_error(err, -2, "bad arguments: NULL handle pointer or args, or args.struct_size too small");
      return -1;
    }
    std::string path = (a.config_path && *a.config_path) ? a.config_path : SG_DEFAULT_CONFIG;
    HostLog host{a.log, a.log_user, a.log_min_level};
    DiagnosticSink diagnostics{a.diagnostic, a.diagnostic_user};
    auto h = std::unique_ptr<sg_handle>(new sg_handle{Handle(path, host, diagnostics)});
    LoadStatus status = h->impl.load();
    if (!status.ok) {
      fill_error(err, -1, status.message);
      return -1;
    }
    fill_error(err, 0, "");
    remember_open_handle(h.get());
    *out = h.release();
    return 0;
  } catch (const std::bad_alloc &) {
    fill_error(err, -3, "out of memory");
  } catch (const std::exception &e) {
    fill_error(err, -3, "internal error: ", e.what());
  } catch (...) {
    fill_error(err, -3, "internal error");
  }
  return -1;
}

void sg_close_impl(sg_handle *h) noexcept {
  if (h == nullptr) return;
  forget_closed_handle(h);
  delete h;
}

int32_t sg_reload_impl(sg_handle *h, sg_error *err) noexcept {
  try {
    if (h == nullptr) {
      fill_error(err, -2, "bad arguments: NULL handle");
      return -1;
    }
    LoadStatus status = h->impl.load();
    fill_error(err, status.ok ? 0 : -1, status.message);
    return status.ok ? 0 : -1;
  } catch (const std::bad_alloc &) {
    h->impl.mark_failed("out of memory");
    fill_error(err, -3, "out of memory; the config in force is unchanged");
  } catch (...) {
    h->impl.mark_failed("internal error");
    fill_error(err, -3, "internal error; the config in force is unchanged");
  }
  return -1;
}

int32_t sg_info_impl(sg_handle *h, sg_info *out) noexcept {
  try {
    if (h == nullptr || out == nullptr || out->struct_size < kMinSize<sg_info>) return -1;
    HandleInfo info = h->impl.info();
    out->generation = info.generation;
    out->last_reload_ok = info.last_ok ? 1 : 0;
    copy_message(out->last_reload_message, info.last_message);
    out->domains = info.domains;
    out->users = info.users;
    out->queues = info.queues;
    if (out->struct_size < kInfoEnd13) return 0;
    out->revision = info.revision;
    out->files_read = info.load.files_read;
    out->domains_rebuilt = info.load.domains_rebuilt;
    out->load_usec = info.load.usec;
    return 0;
  } catch (...) {
    return -1;
  }
}

int32_t sg_dump_impl(sg_handle *h, sg_str domain, void (*emit)(void *, const char *, size_t), void *user) noexcept {
  try {
    std::string_view name = view(domain);
    if (h == nullptr || emit == nullptr || (!name.empty() && !is_valid_id(name))) return -1;
    auto reader = h->impl.read();
    if (reader.get() == nullptr) return -1;
    bool found = dump_snapshot(*reader.get(), name, [&](std::string_view line) {
      std::string text(line);
      emit(user, text.c_str(), text.size());
    });
    return found ? 0 : -1;
  } catch (...) {
    return -1;
  }
}

// Calls file() for each file read and each one skipped in domains_dir.
void report_files(const sg_check_args &a, const LoadResult &r) {
  if (a.file == nullptr) return;
  for (const std::string &f : r.files) a.file(a.user, f.c_str(), 1);
  for (const std::string &f : r.skipped) a.file(a.user, f.c_str(), 0);
}

void fill_check_result(const LoadResult &r, sg_check_result *out) {
  if (out == nullptr || out->struct_size < kMinSize<sg_check_result>) return;
  out->ok = r.snapshot ? 1 : 0;
  out->errors = static_cast<uint32_t>(r.diagnostics.error_count());
  out->warnings = static_cast<uint32_t>(r.diagnostics.messages().size() - r.diagnostics.error_count());
  out->domains = r.domains;
  out->users = r.users;
  out->queues = r.queues;
  if (out->struct_size < kCheckEnd13) return;
  out->files_read = r.stats.files_read;
  out->revision = r.snapshot ? r.snapshot->revision : 0;  // an invalid config has none
  out->load_usec = r.stats.usec;
}

int32_t sg_check_impl(const sg_check_args *args, sg_check_result *out) noexcept {
  try {
    sg_check_args a;
    if (!copy_in(args, a)) return -1;
    std::string path = (a.config_path && *a.config_path) ? a.config_path : SG_DEFAULT_CONFIG;
    LoadResult r = check_config(path, (a.flags & SG_CHECK_STRICT) != 0);
    report_files(a, r);
    DiagnosticSink{a.diagnostic, a.user}.deliver(r.diagnostics);
    fill_check_result(r, out);
    return r.snapshot ? 0 : 1;
  } catch (...) {
    return -1;
  }
}

// The report's request in the engine's terms; false for a command or
// target the module does not know.
bool convert_report(const sg_report_req &in, ReportRequest &out) {
  std::optional<TargetRef> target = convert_target(in.target);
  if (in.command < SG_REPORT_CAN || in.command > SG_REPORT_DUMP || !target) return false;
  out.command = static_cast<ReportCommand>(in.command);
  out.json = (in.flags & SG_REPORT_JSON) != 0;
  out.widen_only = (in.flags & SG_REPORT_WIDEN_ONLY) != 0;
  out.user = view(in.user);
  out.domain = view(in.domain);
  out.feature = view(in.feature);
  out.target = *target;
  return true;
}

// The text is copied into malloc'd memory so the host frees it through
// report_free whatever allocator its own C++ runtime uses.
bool hand_over(const ReportResult &result, sg_report *out) {
  char *text = static_cast<char *>(std::malloc(result.text.size() + 1));
  if (text == nullptr) return false;
  std::memcpy(text, result.text.data(), result.text.size());
  text[result.text.size()] = '\0';
  out->text = text;
  out->len = result.text.size();
  out->count = result.count;
  return true;
}

int32_t sg_report_impl(sg_handle *h, const sg_report_req *req, sg_report *out, sg_error *err) noexcept {
  try {
    sg_report_req r;
    ReportRequest request;
    if (out == nullptr || out->struct_size < sizeof(sg_report)) return fill_error(err, -2, "bad arguments: report"), -1;
    out->text = nullptr;
    out->len = 0;
    out->count = 0;
    if (h == nullptr || !copy_in(req, r) || !convert_report(r, request))
      return fill_error(err, -2, "bad arguments: NULL handle or request, or unknown command or target"), -1;
    auto reader = h->impl.read();
    std::optional<SnapshotRegistry::Reader> old_reader;
    if (r.old_config != nullptr) old_reader.emplace(r.old_config->impl.read());
    if (reader.get() == nullptr) return fill_error(err, -3, "no config in force"), -1;
    if (old_reader) request.old_config = old_reader->get();
    ReportResult result = run_report(*reader.get(), request);
    if (!result.ok) return fill_error(err, -1, result.text), -1;
    if (!hand_over(result, out)) return fill_error(err, -3, "out of memory"), -1;
    fill_error(err, 0, "");
    return 0;
  } catch (const std::bad_alloc &) {
    fill_error(err, -3, "out of memory");
  } catch (...) {
    fill_error(err, -3, "internal error");
  }
  return -1;
}

void sg_report_free_impl(sg_report *report) noexcept {
  if (report == nullptr) return;
  std::free(report->text);
  report->text = nullptr;
  report->len = 0;
}

const sg_api kApi = {
    sizeof(sg_api), SG_ABI_MAJOR, SG_ABI_MINOR, kModuleVersion, sg_open_impl, sg_close_impl, sg_reload_impl,
    sg_login_impl,  sg_dial_impl, sg_feature_impl, sg_info_impl, sg_dump_impl, sg_check_impl,
    sg_report_impl, sg_report_free_impl,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const sg_api *sg_module_api(uint32_t host_abi_major) {
  return host_abi_major == SG_ABI_MAJOR ? &kApi : nullptr;
}
