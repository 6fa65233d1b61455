#!/usr/bin/env python3
"""Writes feature.table: SPEC.md section 3 (the default policy) as golden decisions.

    python3 tests/golden/gen_feature_table.py > tests/golden/feature.table

For every feature row and every scope column it writes, on golden.conf:
  - a grant `-`: a request from that scope -> deny scope_lacks_feature
  - a reach: one request inside the reach (allow ok) and one just outside
    (deny out_of_reach); for super_user nothing is outside `all`, so its
    "outside" request names a domain the config does not have
    (deny unknown_target)
  - a `view:` note: the same for a supervisor with that view flag on, and the
    request from a supervisor with it off -> deny view_disabled
  - a guarded feature (rule 8 of 2.2) on a user target: the actor on a user of
    the same rank inside the reach -> deny rank_too_low; a feature that is not
    guarded -> allow ok for the same request.
The table is committed; this script documents how it was made and regenerates
it when the matrix changes. Reviewers read the table.
"""

import sys

SCOPES = ["basic_user", "call_center_agent", "call_center_supervisor", "site_manager",
          "office_manager", "reseller", "super_user"]

# SPEC section 3, one row a feature: (feature, target kinds, grants B A S SM OM R SU, view flag)
# Target kinds as the spec's "target" column; "user+queue" names the queue beside the agent,
# "user+scope" the requested scope.
MATRIX = [
    ("extension.settings.view", "user", "self self self site domain all all", None),
    ("extension.settings.edit", "user", "self self self site domain all all", None),
    ("call_history.view", "user", "self self self site domain all all", None),
    ("voicemail.manage", "user", "self self self site domain all all", None),
    ("recordings.listen", "user", "self self queue site domain all all", "recordings"),
    ("contacts.shared.view", "domain", "domain domain domain domain domain all all", None),
    ("contacts.shared.edit", "domain site", "- - domain site domain all all", None),
    ("time_frames.own.edit", "user", "self self self site domain all all", None),
    ("time_frames.shared.view", "domain", "domain domain domain domain domain all all", None),
    ("time_frames.shared.edit", "domain site", "- - - site domain all all", None),
    ("users.view", "user", "self self self site domain all all", None),
    ("users.edit", "user", "- - - site domain all all", None),
    ("users.create", "site domain", "- - - site domain all all", None),
    ("users.delete", "site domain", "- - - site domain all all", None),
    ("scope.assign", "user+scope", "- - - site domain all all", None),
    ("supervisor.settings.edit", "user", "- - - - domain all all", None),
    ("auto_attendants.edit", "object:auto_attendant", "- - - site domain all all", None),
    ("call_queues.edit", "queue", "- - - site domain all all", None),
    ("conferences.edit", "object:conference", "- - - site domain all all", None),
    ("inventory.view", "site domain", "- - - site domain all all", None),
    ("pbx_settings.edit", "domain", "- - - - domain all all", None),
    ("agent_page.view", "none", "- self self site domain all all", None),
    ("queue.status.view", "queue", "- queue queue site domain all all", None),
    ("queue.agent.login", "user+queue", "- queue queue site domain all all", None),
    ("queue.agent.logout", "user+queue", "- queue queue site domain all all", None),
    ("agent.status.change", "user", "- self queue site domain all all", None),
    ("supervisor_page.view", "none", "- - self site domain all all", None),
    ("stats.realtime.view", "queue", "- - queue site domain all all", "stats_grid"),
    ("agents.view", "user queue", "- - queue site domain all all", "agents"),
    ("call_activity.view", "queue domain", "- - queue site domain all all", "call_activity"),
    ("reports.call_center.run", "queue", "- - queue site domain all all", "reports"),
    ("monitor.listen", "user", "- - queue site domain all all", None),
    ("monitor.whisper", "user", "- - queue site domain all all", None),
    ("monitor.barge", "user", "- - queue site domain all all", None),
]


def guarded(feature):
    """Rule 8 of 2.2: the default guarded features."""
    return (feature.endswith((".edit", ".delete", ".manage")) or feature == "scope.assign"
            or feature == "agent.status.change" or feature.startswith("monitor."))


# The acting user of each scope column (golden.conf).
ACTOR = {
    "basic_user": "101@acme.example",
    "call_center_agent": "160@acme.example",
    "call_center_supervisor": "150@acme.example",
    "site_manager": "200@acme.example",
    "office_manager": "100@acme.example",
    "reseller": "ops@provider.example",
    "super_user": "root@provider.example",
}
# Supervisors by view flag: who has it on, who has it off.
VIEW_ON = {"stats_grid": "150", "agents": "150", "call_activity": "152", "reports": "152",
           "recordings": "152"}
VIEW_OFF = {"stats_grid": "152", "agents": "152", "call_activity": "150", "reports": "150",
            "recordings": "150"}
# A supervisor's managed queue and the one they do not manage, with an agent of each.
SUP_QUEUES = {"150": ("sales", "160", "support", "161"),
              "152": ("support", "161", "sales", "160")}
# The neighbour just outside self: another user of the same site.
SELF_OUT = {"101": "105", "160": "162", "150": "160", "152": "161"}
# A user of the same rank inside the reach (rule 8 of 2.2).
PEER = {
    "site_manager": ("200@acme.example", "user:201"),
    "office_manager": ("100@acme.example", "user:110"),
    "reseller": ("ops@provider.example", "user:root@provider.example"),
    "super_user": ("root@provider.example", "user:root2@provider.example"),
    # 151 manages every queue; 152 is a supervisor and an agent of support
    "call_center_supervisor": ("151@acme.example", "user:152"),
}

OBJECT_ID = {"auto_attendant": "aa-7", "conference": "conf-7"}

ALLOW, OUT, UNKNOWN = "allow ok", "deny out_of_reach", "deny unknown_target"


def targets(kind, reach, actor_id):
    """(inside, outside) target words for a reach; None where nothing fits."""
    obj_kind = None
    if kind.startswith("object:"):
        obj_kind = kind.split(":", 1)[1]
        kind = "object"
    if kind in ("user", "user+scope"):
        t = {
            "self": (f"user:{actor_id}", f"user:{SELF_OUT.get(actor_id, '105')}"),
            "queue": (f"user:{SUP_QUEUES[actor_id][1]}", f"user:{SUP_QUEUES[actor_id][3]}")
            if actor_id in SUP_QUEUES else None,
            "site": ("user:101", "user:102"),
            "domain": ("user:102", "user:101@globex.example"),
            "all/reseller": ("user:101@globex.example", "user:101@initech.example"),
            "all/super_user": ("user:101@initech.example", "user:101@nosuch.example"),
        }[reach]
        if kind == "user+scope" and t:
            t = (t[0] + " --scope basic_user", t[1] + " --scope basic_user")
        return t
    if kind == "user+queue":
        if reach == "queue" and actor_id == "160":
            # an agent: only themselves, only in a queue they serve
            return ("user:160 --queue sales", "user:160 --queue support", "user:162 --queue sales")
        return {
            # 162 serves sales and support: in reach as a user, but support is not
            "queue": ("user:160 --queue sales", "user:161 --queue support",
                      "user:162 --queue support"),
            "site": ("user:160 --queue sales", "user:161 --queue support",
                     "user:162 --queue support"),
            "domain": ("user:161 --queue support", "user:101@globex.example --queue sales"),
            "all/reseller": ("user:101@globex.example --queue sales",
                             "user:101@initech.example --queue helpdesk"),
            "all/super_user": ("user:101@initech.example --queue helpdesk",
                               "user:101@nosuch.example --queue helpdesk"),
        }[reach]
    if kind == "queue":
        if reach == "queue":
            if actor_id in SUP_QUEUES:
                q_in, _, q_out, _ = SUP_QUEUES[actor_id]
                return (f"queue:{q_in}", f"queue:{q_out}")
            return ("queue:sales", "queue:support")  # agent 160 serves sales only
        return {
            "site": ("queue:sales", "queue:support"),
            "domain": ("queue:support", "queue:sales@globex.example"),
            "all/reseller": ("queue:sales@globex.example", "queue:helpdesk@initech.example"),
            "all/super_user": ("queue:helpdesk@initech.example", "queue:sales@nosuch.example"),
        }[reach]
    if kind == "site":
        return {
            "site": ("site:HQ", "site:Branch"),
            "domain": ("site:Branch", "site:Main@globex.example"),
            "all/reseller": ("site:Main@globex.example", "site:Lab@initech.example"),
            "all/super_user": ("site:Lab@initech.example", "site:HQ@nosuch.example"),
        }.get(reach)
    if kind == "domain":
        return {
            # a domain is wider than any one site or queue: never in those reaches
            "queue": (None, "domain:acme.example"),
            "site": (None, "domain:acme.example"),
            "domain": ("domain:acme.example", "domain:globex.example"),
            "all/reseller": ("domain:globex.example", "domain:initech.example"),
            "all/super_user": ("domain:initech.example", "domain:nosuch.example"),
        }.get(reach)
    if kind == "object":
        o = f"object:{obj_kind}/{OBJECT_ID[obj_kind]}"
        return {
            "site": (f"{o} --site HQ", f"{o} --site Branch"),
            "domain": (f"{o} --site Branch", f"{o}@globex.example"),
            "all/reseller": (f"{o}@globex.example", f"{o}@initech.example"),
            "all/super_user": (f"{o}@initech.example", f"{o}@nosuch.example"),
        }.get(reach)
    if kind == "none":
        # no target: any reach but none allows; the outside request names a user
        _, user_out = targets("user", reach, actor_id)
        return ("", user_out)
    raise ValueError(kind)


def lacking_target(kind, actor_id):
    """A plausible target for a request from a scope the feature is not granted to."""
    first = kind.split()[0]
    if first.startswith("object:"):
        k = first.split(":", 1)[1]
        return f"object:{k}/{OBJECT_ID[k]} --site HQ"
    return {
        "user": f"user:{actor_id}",
        "user+scope": f"user:{SELF_OUT.get(actor_id, '105')} --scope basic_user",
        "user+queue": f"user:{actor_id} --queue sales",
        "queue": "queue:sales",
        "site": "site:HQ",
        "domain": "domain:acme.example",
        "none": "",
    }[first]


def line(actor, feature, target, expect):
    words = f"feature {actor} {feature}" + (f" {target}" if target else "")
    return f"{words:<78} => {expect}"


def section(feature, kinds, grants, view):
    out = [f"[{feature}]"]
    notes = f"# target: {kinds}; grants B A S SM OM R SU: {grants}"
    if view:
        notes += f"; supervisor view flag: {view}"
    if guarded(feature):
        notes += "; guarded"
    out.append(notes)
    for scope, grant in zip(SCOPES, grants.split()):
        actor = ACTOR[scope]
        if scope == "call_center_supervisor" and view:
            actor = f"{VIEW_ON[view]}@acme.example"
        actor_id = actor.split("@")[0]
        if grant == "-":
            out.append(line(actor, feature, lacking_target(kinds, actor_id),
                            "deny scope_lacks_feature"))
            continue
        reach = grant if grant != "all" else f"all/{scope}"
        for kind in kinds.split():
            t = targets(kind, reach, actor_id)
            if t is None:
                continue
            inside, outsides = t[0], t[1:]
            if inside is not None:
                out.append(line(actor, feature, inside, ALLOW))
            for outside in outsides:
                out.append(line(actor, feature, outside,
                                UNKNOWN if scope == "super_user" else OUT))
        if scope == "call_center_supervisor" and view:
            off = f"{VIEW_OFF[view]}@acme.example"
            off_id = VIEW_OFF[view]
            kind = kinds.split()[0]
            inside = targets(kind, "queue", off_id)[0] or targets(kind, "queue", off_id)[1]
            out.append(line(off, feature, inside, "deny view_disabled"))
        peer_in_reach = scope != "call_center_supervisor" or grant == "queue"
        if kinds.split()[0] in ("user", "user+scope") and scope in PEER and peer_in_reach:
            peer_actor, peer = PEER[scope]
            if kinds == "user+scope":
                peer += " --scope basic_user"
            out.append(line(peer_actor, feature, peer,
                            "deny rank_too_low" if guarded(feature) else ALLOW))
    return out


def main():
    print("# Golden decisions for SPEC.md section 3, the default policy, on golden.conf.")
    print("# Generated by gen_feature_table.py (read it for how targets were chosen).")
    print("# Each line: a request in the CLI's words => the expected `verdict reason`.")
    print("# One [section] per feature row; for super_user nothing is outside `all`, so")
    print("# its outside request names a domain that does not exist (unknown_target).")
    print("@config golden.conf")
    for feature, kinds, grants, view in MATRIX:
        print()
        print("\n".join(section(feature, kinds, grants, view)))


if __name__ == "__main__":
    sys.exit(main())
