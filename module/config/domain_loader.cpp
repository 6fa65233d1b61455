#include "config/domain_loader.hpp"

#include <algorithm>

#include "common/suggest.hpp"

namespace scopegate {


namespace {

// Appends r to records and to their index unless its domain already has a
// record of that name: then nothing is added and that record's index is
// returned (kNoIndex when r was added). The index is seeded by the domain,
// as Snapshot's lookups expect.
template <class Record, class NameOf>
Index add_unique(const Snapshot &s, std::vector<Record> &records, FlatIndex &index, const Record &r, NameOf name_of) {
  auto seed = [&](const Record &x) { return s.domains[x.domain].seed; };
  auto at = static_cast<Index>(records.size());
  records.push_back(r);
  Index existing = index.insert(
      hash_bytes(name_of(r), seed(r)), at,
      [&](uint32_t i) { return records[i].domain == r.domain && name_of(records[i]) == name_of(r); },
      [&](uint32_t i) { return hash_bytes(name_of(records[i]), seed(records[i])); });
  if (existing != kNoIndex) records.pop_back();
  return existing;
}

std::string_view name_of_site(const Site &x) { return x.name; }
std::string_view id_of_user(const User &x) { return x.id; }
std::string_view name_of_queue(const Queue &x) { return x.name; }

}  // namespace

DomainLoader::DomainLoader(Snapshot &s, Diagnostics &d, const LineMap &main) : s_(s), d_(d), overrides_(s, d) {
  maps_.push_back(main);
  d_.set_source(&maps_.back());
}

namespace {

// Room for n more elements. Never less than doubling: a domains_dir of
// 10,000 files asks once per file, and reserving just enough each time
// would copy the whole vector every time (quadratic).
template <class T>
void make_room(std::vector<T> &v, size_t n) {
  if (v.size() + n > v.capacity()) v.reserve(std::max(v.size() + n, 2 * v.capacity()));
}

}  // namespace

void DomainLoader::expect(size_t domains, size_t users) {
  make_room(s_.domains, domains);
  s_.domain_index.reserve(domains);
  make_room(domain_lines_, domains);
  make_room(s_.users, users);
  s_.user_index.reserve(users);
  make_room(s_.user_places, users);
  make_room(user_lines_, users);
}

void DomainLoader::begin_source(const LineMap &map) {
  maps_.push_back(map);
  source_ = static_cast<uint32_t>(maps_.size() - 1);
  d_.set_source(&maps_.back());
}

void DomainLoader::end_source() {
  source_ = 0;
  d_.set_source(&maps_.front());
}

bool DomainLoader::in_failed_file(const std::string &name) const {
  std::string quoted = "\"" + name + "\"";
  return std::any_of(failed_texts_.begin(), failed_texts_.end(),
                     [&](const std::string &t) { return t.find(quoted) != std::string::npos; });
}

bool DomainLoader::valid_name(const std::string &name, Setting where, const char *what) {
  if (!is_valid_id(name)) {
    d_.error(where, std::string("bad ") + what + " '" + name + "': 1-255 bytes of UTF-8 without control characters");
    return false;
  }
  if (name.find('@') != std::string::npos) {
    d_.error(where, std::string("bad ") + what + " '" + name + "': '@' separates a user from its domain");
    return false;
  }
  if (name.front() == ' ' || name.back() == ' ' || name.front() == '\t' || name.back() == '\t')
    d_.warn(where, std::string(what) + " '" + name + "' begins or ends with a space: a host asking for it without one finds nothing");
  return true;
}

void DomainLoader::add_site(Index domain, const std::string &name, Setting where) {
  if (!valid_name(name, where, "site name")) return;
  if (Index first = add_unique(s_, s_.sites, s_.site_index, Site{s_.text.store(name), domain}, name_of_site);
      first != kNoIndex) {
    d_.error(where, "duplicate site '" + name + "' (first defined at " + place_of(site_lines_[first]).str() + ")");
    return;
  }
  site_lines_.push_back(here(where));
}

// The user's or queue's optional site, which must be one of the domain's.
Index DomainLoader::site_ref(Index domain, GroupReader &r) {
  auto name = r.string("site");
  if (!name) return kNoIndex;
  Index site = s_.find_site(domain, *name);
  if (site == kNoIndex && !sites_unreadable_) {
    Suggestion near(*name);
    for (const Site &x : s_.sites)
      if (x.domain == domain) near.consider(x.name);
    d_.error(*r.get("site"), "unknown site '" + *name + "'" + near.hint() + ": not one of this domain's 'sites'");
  }
  return site;
}

void DomainLoader::read_supervisor(Index user, Setting g, std::vector<PendingQueueRef> &supervised) {
  GroupReader r(g, d_, {"queues", "view"});
  User &u = s_.users[user];
  if (Setting q = r.get("queues")) {
    if (q->getType() == Setting::TypeString && std::string_view(q->c_str()) == "all") {
      u.supervises_all = true;
    } else if (Setting seq = r.sequence("queues")) {
      for (auto &[name, where] : string_items(*seq, d_)) supervised.push_back({user, name, where});
    } else if (q->getType() == Setting::TypeString) {
      d_.error(*q, "'queues' is a list of queue names or \"all\"");
    }
  }
  if (Setting view = r.sequence("view")) {
    if (view->getLength() == 0) d_.warn(*view, "an empty 'view': this supervisor sees none of the views (stats_grid, agents, call_activity, reports, recordings)");
    u.views = 0;
    for (auto &[word, where] : string_items(*view, d_)) {
      auto flag = parse_view_flag(word);
      if (!flag)
        d_.error(*where, "unknown view flag '" + word + "'" + Suggestion(word).from(view_flag_words()).hint() +
                             ": one of stats_grid, agents, call_activity, reports, recordings");
      else
        u.views |= *flag;
    }
  }
}

void DomainLoader::read_scope_extras(Index user, GroupReader &r, std::vector<PendingQueueRef> &supervised) {
  Scope scope = s_.users[user].scope;
  if (Setting g = r.subgroup("supervisor")) {
    if (scope != Scope::call_center_supervisor)
      d_.error(*g, "'supervisor' settings belong to a call_center_supervisor");
    else
      read_supervisor(user, *g, supervised);
  }
  Setting domains = r.sequence("domains");
  if (domains && scope != Scope::reseller) d_.error(*domains, "'domains' belongs to a reseller");
  if (scope == Scope::reseller && !domains && !r.has("domains"))
    d_.error(r.group(), "a reseller needs 'domains', the domains they manage");
  if (domains && scope == Scope::reseller) {
    for (auto &[name, where] : string_items(*domains, d_))
      resold_refs_.push_back({user, name, d_.place(*where)});
  }
  if (scope == Scope::site_manager && s_.users[user].site == kNoIndex && !r.has("site"))
    d_.error(r.group(), "a site_manager needs a 'site'");
}

void DomainLoader::read_user(Index domain, Setting g, std::vector<PendingQueueRef> &supervised) {
  if (!g.isGroup()) {
    d_.error(g, "a user is a group { id = \"...\"; scope = \"...\"; }");
    return;
  }
  GroupReader r(g, d_, {"id", "scope", "site", "system", "enabled", "supervisor", "domains", "policy"});
  auto id = r.string("id", true);
  auto scope_word = r.string("scope", true);
  if (!id || !valid_name(*id, *r.get("id"), "user id")) return;
  auto scope = scope_word ? parse_scope(*scope_word) : std::nullopt;
  if (scope_word && !scope)
    d_.error(*r.get("scope"), "unknown scope '" + *scope_word + "'" + Suggestion(*scope_word).from(scope_words()).hint());

  User u{};
  u.id = s_.text.store(*id);
  u.domain = domain;
  u.scope = scope.value_or(Scope::no_portal);
  u.site = site_ref(domain, r);
  u.system = r.boolean("system").value_or(false);
  u.enabled = r.boolean("enabled").value_or(true);
  auto index = static_cast<Index>(s_.users.size());
  if (Index first = add_unique(s_, s_.users, s_.user_index, u, id_of_user); first != kNoIndex) {
    d_.error(g, "duplicate user '" + *id + "' (first defined at " + place_of(user_lines_[first]).str() + ")");
    return;
  }
  user_lines_.push_back(here(g));
  s_.user_places.push_back(place_of(g));
  read_scope_extras(index, r, supervised);
  if (Setting policy = r.get("policy")) overrides_.read_user_policy(index, *policy);
}

// Consecutive users, queues and policy entries come from the same file:
// place_file reuses the last file's index, so each file name is stored once
// per run of them.
Place DomainLoader::place_of(Setting g) {
  const LineMap &map = maps_[source_];
  auto [file, line] = map.locate(g.getSourceLine());
  return Place{place_file(s_, map.files()[file]), line};
}

void DomainLoader::read_queue(Index domain, Setting g) {
  if (!g.isGroup()) {
    d_.error(g, "a queue is a group { name = \"...\"; agents = [ ... ]; }");
    return;
  }
  GroupReader r(g, d_, {"name", "site", "agents"});
  auto name = r.string("name", true);
  if (!name || !valid_name(*name, *r.get("name"), "queue name")) return;
  Queue q{};
  q.name = s_.text.store(*name);
  q.domain = domain;
  q.site = site_ref(domain, r);
  auto index = static_cast<Index>(s_.queues.size());
  if (Index first = add_unique(s_, s_.queues, s_.queue_index, q, name_of_queue); first != kNoIndex) {
    d_.error(g, "duplicate queue '" + *name + "' (first defined at " + place_of(queue_lines_[first]).str() + ")");
    return;
  }
  queue_lines_.push_back(here(g));
  s_.queue_places.push_back(place_of(g));
  if (Setting agents = r.sequence("agents")) {
    for (auto &[id, where] : string_items(*agents, d_)) {
      Index user = s_.find_user(domain, id);
      if (user == kNoIndex) {
        Suggestion near(id);
        for (Index u = first_user_; u < s_.users.size(); ++u) near.consider(s_.users[u].id);
        d_.error(*where, "unknown agent '" + id + "'" + near.hint() + ": not a user of this domain");
      } else {
        check_agent(s_.users[user], id, *where);
        agent_links_.emplace_back(index, user);
      }
    }
  }
}

void DomainLoader::add_domain(Setting g) {
  if (!g.isGroup()) {
    d_.error(g, "a domain is a group { name = \"...\"; users = ( ... ); }");
    return;
  }
  GroupReader r(g, d_, {"name", "sites", "users", "queues", "policy"});
  auto name = r.string("name", true);
  if (!name || !valid_name(*name, *r.get("name"), "domain name")) return;
  auto domain = static_cast<Index>(s_.domains.size());
  std::string_view stored = s_.text.store(*name);
  s_.domains.push_back(Domain{stored, hash_bytes(stored), {}});
  std::string_view view = s_.domains.back().name;
  Index existing = s_.domain_index.insert(
      hash_bytes(view), domain, [&](uint32_t i) { return s_.domains[i].name == view; },
      [&](uint32_t i) { return hash_bytes(s_.domains[i].name); });
  if (existing != kNoIndex) {
    s_.domains.pop_back();
    d_.error(*r.get("name"), "duplicate domain '" + *name + "' (first defined at " +
                                 place_of(domain_lines_[existing]).str() + ")");
    return;
  }
  domain_lines_.push_back(here(*r.get("name")));
  first_user_ = static_cast<Index>(s_.users.size());
  Setting sites = r.sequence("sites");
  sites_unreadable_ = !sites && r.has("sites");
  if (sites)
    for (auto &[site, where] : string_items(*sites, d_)) add_site(domain, site, *where);
  if (!r.has("users")) d_.warn(*r.get("name"), "domain '" + *name + "' has no users");
  if (Setting policy = r.get("policy")) overrides_.read_domain_policy(domain, *policy);

  std::vector<PendingQueueRef> supervised;
  if (Setting users = r.sequence("users"))
    for (int i = 0; i < users->getLength(); ++i) read_user(domain, (*users)[i], supervised);
  if (Setting queues = r.sequence("queues"))
    for (int i = 0; i < queues->getLength(); ++i) read_queue(domain, (*queues)[i]);

  for (auto &ref : supervised) {
    Index queue = s_.find_queue(domain, ref.name);
    if (queue == kNoIndex) {
      Suggestion near(ref.name);
      for (const Queue &q : s_.queues)
        if (q.domain == domain) near.consider(q.name);
      d_.error(*ref.where, "unknown queue '" + ref.name + "'" + near.hint() + ": not a queue of this domain");
    }
    else
      supervised_links_.emplace_back(ref.user, queue);
  }
}

// Sorts (record, member) links and stores each record's members as a sorted
// span of the pool.
void DomainLoader::lay_out(Links &links, size_t records, void (*set)(Snapshot &, Index, Span)) {
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  size_t i = 0;
  while (i < links.size()) {
    Index owner = links[i].first;
    Span span{static_cast<uint32_t>(s_.pool.size()), 0};
    for (; i < links.size() && links[i].first == owner; ++i, ++span.count) s_.pool.push_back(links[i].second);
    if (owner < records) set(s_, owner, span);
  }
  links.clear();
  links.shrink_to_fit();
}

void DomainLoader::finish() {
  for (auto &ref : resold_refs_) {
    Index domain = s_.find_domain(ref.name);
    if (domain == kNoIndex && !in_failed_file(ref.name)) {
      Suggestion near(ref.name);
      for (const Domain &x : s_.domains) near.consider(x.name);
      d_.error_at(ref.where, "unknown domain '" + ref.name + "' in a reseller's 'domains'" + near.hint());
    } else if (domain != kNoIndex)
      resold_links_.emplace_back(ref.user, domain);
  }
  Links agent_of;  // (user, queue): the reverse of the queues' agent lists
  agent_of.reserve(agent_links_.size());
  for (auto [queue, user] : agent_links_) agent_of.emplace_back(user, queue);

  lay_out(agent_links_, s_.queues.size(), [](Snapshot &s, Index q, Span sp) { s.queues[q].agents = sp; });
  lay_out(agent_of, s_.users.size(), [](Snapshot &s, Index u, Span sp) { s.users[u].agent_of = sp; });
  lay_out(supervised_links_, s_.users.size(), [](Snapshot &s, Index u, Span sp) { s.users[u].supervised = sp; });
  lay_out(resold_links_, s_.users.size(), [](Snapshot &s, Index u, Span sp) { s.users[u].resold = sp; });
  warn_idle_call_center_users();
  overrides_.finish();
}

// A queue's agent who cannot work it: the host would count them in, the
// decisions would not.
void DomainLoader::check_agent(const User &agent, const std::string &id, Setting where) {
  if (agent.scope != Scope::call_center_agent && agent.scope != Scope::call_center_supervisor)
    d_.warn(where, "agent '" + id + "' is a " + scope_name(agent.scope) +
                       ": only a call_center_agent or call_center_supervisor works a queue");
  else if (!agent.enabled)
    d_.warn(where, "agent '" + id + "' is disabled");
  else if (agent.system)
    d_.warn(where, "agent '" + id + "' is a system user");
}

// Agents in no queue and supervisors of no queue have scopes that grant
// them nothing to work on: usually a queue or a name was forgotten.
void DomainLoader::warn_idle_call_center_users() {
  // After an error the links may be missing only because of it (a
  // misspelled queue): one mistake, one message.
  if (!d_.ok()) return;
  for (Index u = 0; u < s_.users.size(); ++u) {
    const User &x = s_.users[u];
    if (x.scope == Scope::call_center_agent && x.agent_of.count == 0)
      d_.warn_at(place_of(user_lines_[u]), "call_center_agent '" + std::string(x.id) + "' is an agent of no queue");
    else if (x.scope == Scope::call_center_supervisor && !x.supervises_all && x.supervised.count == 0)
      d_.warn_at(place_of(user_lines_[u]),
                 "call_center_supervisor '" + std::string(x.id) + "' supervises no queue (set supervisor = { queues = [ ... ]; })");
  }
}

}  // namespace scopegate
