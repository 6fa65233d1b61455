#include "common/text.hpp"

#include <cstring>

namespace scopegate {

std::string_view StringArena::store(std::string_view s) {
  if (s.empty()) return {};
  total_ += s.size();
  if (s.size() > kChunk / 4) {  // a large string gets a block of its own
    chunks_.push_back(std::make_unique<char[]>(s.size()));
    std::memcpy(chunks_.back().get(), s.data(), s.size());
    return {chunks_.back().get(), s.size()};
  }
  if (current_ == nullptr || used_ + s.size() > kChunk) {
    chunks_.push_back(std::make_unique<char[]>(kChunk));
    current_ = chunks_.back().get();
    used_ = 0;
  }
  char *dst = current_ + used_;
  std::memcpy(dst, s.data(), s.size());
  used_ += s.size();
  return {dst, s.size()};
}

}  // namespace scopegate
