// request_parser.hpp - turns the words of one request into a Request.
//
// Used for command-line arguments and for every batch line, so it must take
// any bytes without crashing (a fuzz target drives it) and, on valid input,
// allocate nothing: the Request only points into the words.
#ifndef SCOPEGATE_TOOLS_REQUEST_PARSER_HPP
#define SCOPEGATE_TOOLS_REQUEST_PARSER_HPP

#include <span>
#include <string>
#include <string_view>

#include "cli_request.hpp"
#include "common/id.hpp"  // kMaxIdBytes: the longest id the ABI accepts

namespace scopegate::cli {

// Parses the words of a request, starting with the command word:
//
//   [explain] login   USER@DOMAIN CHANNEL
//   [explain] dial    USER@DOMAIN DESTINATION
//   [explain] feature USER@DOMAIN FEATURE [TARGET] [--queue NAME] [--scope SCOPE]
//                                                 [--site NAME] [--owner ID]
//
// TARGET is user:ID[@DOMAIN] | queue:NAME[@DOMAIN] | site:NAME[@DOMAIN] |
// domain:NAME | object:KIND/ID[@DOMAIN]. An option may also be written
// --queue=NAME. --queue without a TARGET names the actor as the target user
// (an agent logging themselves into a queue). Returns false with a one-line
// message in error on a malformed request (that is `error bad_request`);
// out is then unspecified. error is left untouched on success.
bool parse_request(std::span<const std::string_view> words, Request& out, std::string& error);

}  // namespace scopegate::cli

#endif
