// decision_runner.cpp - Request -> sg_*_req -> module -> Answer.
#include "decision_runner.hpp"

#include <cstring>

#include "sg_convert.hpp"

namespace scopegate::cli {

int32_t DecisionRunner::call_module(const Request& request, uint32_t flags, sg_decision& out) {
  switch (request.hook) {
    case Hook::login: {
      sg_login_req req;
      SG_INIT(req);
      req.flags = flags;
      req.user = to_sg(request.user);
      req.domain = to_sg(request.domain);
      req.channel = request.channel;
      return api_->login(handle_, &req, &out);
    }
    case Hook::dial: {
      sg_dial_req req;
      SG_INIT(req);
      req.flags = flags;
      req.user = to_sg(request.user);
      req.domain = to_sg(request.domain);
      req.destination = to_sg(request.destination);
      return api_->dial(handle_, &req, &out);
    }
    case Hook::feature: {
      sg_feature_req req;
      SG_INIT(req);
      req.flags = flags;
      req.user = to_sg(request.user);
      req.domain = to_sg(request.domain);
      req.feature = to_sg(request.feature);
      req.target = to_sg_target(request.target);
      return api_->feature(handle_, &req, &out);
    }
  }
  return SG_ERROR;
}

Answer DecisionRunner::decide(const Request& request) {
  sg_decision decision;
  SG_INIT(decision);
  uint32_t flags = 0;
  if (request.explain) {
    flags |= SG_REQ_EXPLAIN | (explain_json_ ? SG_REQ_EXPLAIN_JSON : 0u);
    explain_[0] = '\0';
    decision.explain = explain_.data();
    decision.explain_cap = explain_.size();
  }
  Answer answer;
  answer.verdict = call_module(request, flags, decision);
  // The return value is the verdict; anything else from a module is an error.
  if (answer.verdict != SG_ALLOW && answer.verdict != SG_DENY) answer.verdict = SG_ERROR;
  answer.reason = decision.reason_name != nullptr ? decision.reason_name : "internal_error";
  answer.generation = decision.generation;
  if (request.explain) {
    explain_.back() = '\0';
    answer.explain = std::string_view(explain_.data());
  }
  return answer;
}

}  // namespace scopegate::cli
