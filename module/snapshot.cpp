#include "snapshot.hpp"

namespace scopegate {

// Two-part keys hash the name with the domain's seed (the hash of its name),
// so a lookup never builds "id@domain".
Index Snapshot::find_domain(std::string_view name) const {
  return domain_index.find(hash_bytes(name), [&](uint32_t i) { return same_text(domains[i].name, name); });
}

Index Snapshot::find_site(Index domain, std::string_view name) const {
  return site_index.find(hash_bytes(name, domains[domain].seed),
                         [&](uint32_t i) { return sites[i].domain == domain && same_text(sites[i].name, name); });
}

Index Snapshot::find_user(Index domain, std::string_view id) const {
  return user_index.find(hash_bytes(id, domains[domain].seed),
                         [&](uint32_t i) { return users[i].domain == domain && same_text(users[i].id, id); });
}

Index Snapshot::find_user_at(std::string_view domain, std::string_view id) const {
  return user_index.find(hash_bytes(id, hash_bytes(domain)), [&](uint32_t i) {
    return same_text(users[i].id, id) && same_text(domains[users[i].domain].name, domain);
  });
}

Index Snapshot::find_queue(Index domain, std::string_view name) const {
  return queue_index.find(hash_bytes(name, domains[domain].seed),
                          [&](uint32_t i) { return queues[i].domain == domain && same_text(queues[i].name, name); });
}

Index Snapshot::find_feature(std::string_view id) const {
  return feature_index.find(hash_bytes(id), [&](uint32_t i) { return same_text(features[i].id, id); });
}

void index_dial_rules(Snapshot &s) {
  s.dial_candidates.clear();
  for (unsigned byte = 0; byte < 256; ++byte) {
    Span &span = s.dial_rules_by_byte[byte];
    span.offset = static_cast<uint32_t>(s.dial_candidates.size());
    for (size_t i = 0; i < s.dial_rules.size(); ++i) {
      const DialRule &rule = s.dial_rules[i];
      auto first = static_cast<unsigned char>(byte);
      bool may = rule.pattern ? rule.pattern->may_start_with(first)
                              : !rule.prefix.empty() && static_cast<unsigned char>(rule.prefix[0]) == first;
      if (may) s.dial_candidates.push_back(static_cast<uint32_t>(i));
    }
    span.count = static_cast<uint32_t>(s.dial_candidates.size()) - span.offset;
  }
  s.dial_candidates.shrink_to_fit();
}

}  // namespace scopegate
