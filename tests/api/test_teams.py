"""Teams: one shared workspace, membership by e-mail, invites, ownership."""
from pfapi import ApiTestCase


class TeamTest(ApiTestCase):
    def make_team(self, owner, name="Agency"):
        status, _, team = self.call("POST", "/api/v1/teams", {"name": name}, user=owner)
        self.assertEqual(status, 201, team)
        self.assert_schema(team, "pf_schema_team")
        return team

    def test_members_share_personas_and_outsiders_see_nothing(self):
        owner, coach, outsider = self.server.user(), self.server.user(), self.server.user()
        _, _, before = self.call("POST", "/api/v1/personas", {"title": "Owner's"}, user=owner)
        team = self.make_team(owner)
        self.assertEqual(team["owner_id"], owner["id"])
        self.assertEqual(team["plan"], "team")
        status, _, member = self.call("POST", f"/api/v1/teams/{team['id']}/members",
                                      {"email": coach["email"]}, user=owner)
        self.assertEqual(status, 201, member)
        self.assertEqual(member["role"], "member")
        status, _, got = self.call("GET", f"/api/v1/personas/{before['id']}", user=coach)
        self.assertEqual(status, 200, got)
        status, _, _ = self.call("PATCH", f"/api/v1/personas/{before['id']}",
                                 {"title": "Edited by coach"}, user=coach)
        self.assertEqual(status, 200)
        self.assert_error(self.call("GET", f"/api/v1/personas/{before['id']}", user=outsider),
                          404, "not_found")
        self.assert_error(self.call("GET", f"/api/v1/teams/{team['id']}", user=outsider),
                          404, "not_found")
        _, _, me = self.call("GET", "/api/v1/me", user=coach)
        self.assertEqual(me["team_id"], team["id"])
        self.assertEqual(me["usage"]["plan"], "team")

    def test_only_the_owner_manages_membership(self):
        owner, member, third = self.server.user(), self.server.user(), self.server.user()
        team = self.make_team(owner)
        self.call("POST", f"/api/v1/teams/{team['id']}/members", {"email": member["email"]},
                  user=owner)
        self.assert_error(self.call("POST", f"/api/v1/teams/{team['id']}/members",
                                    {"email": third["email"]}, user=member), 403, "forbidden")
        self.assert_error(self.call("DELETE",
                                    f"/api/v1/teams/{team['id']}/members/{owner['id']}",
                                    user=member), 403, "forbidden")
        self.assert_error(self.call("DELETE", f"/api/v1/teams/{team['id']}", user=member),
                          403, "forbidden")

    def test_unknown_address_is_invited_and_joins_on_registration(self):
        owner = self.server.user()
        team = self.make_team(owner)
        status, _, invite = self.call("POST", f"/api/v1/teams/{team['id']}/members",
                                      {"email": "Newcomer@Example.com"}, user=owner)
        self.assertEqual(status, 201, invite)
        self.assertEqual(invite["role"], "invited")
        self.assertIsNone(invite["user_id"])
        self.assert_error(self.call("POST", f"/api/v1/teams/{team['id']}/members",
                                    {"email": "newcomer@example.com"}, user=owner),
                          409, "conflict")
        newcomer = self.server.register(email="newcomer@example.com")
        self.assertEqual(newcomer["team_id"], team["id"])
        _, _, now = self.call("GET", f"/api/v1/teams/{team['id']}", user=owner)
        roles = {m["email"]: m["role"] for m in now["members"]}
        self.assertEqual(roles["newcomer@example.com"], "member")

    def test_cancelled_invite_does_not_take_effect(self):
        owner = self.server.user()
        team = self.make_team(owner)
        self.call("POST", f"/api/v1/teams/{team['id']}/members", {"email": "gone@example.com"},
                  user=owner)
        status, _, _ = self.call("DELETE",
                                 f"/api/v1/teams/{team['id']}/invites?email=gone@example.com",
                                 user=owner)
        self.assertEqual(status, 204)
        self.assertIsNone(self.server.register(email="gone@example.com")["team_id"])

    def test_leaving_takes_your_own_data_back(self):
        owner, member = self.server.user(), self.server.user()
        team = self.make_team(owner)
        self.call("POST", f"/api/v1/teams/{team['id']}/members", {"email": member["email"]},
                  user=owner)
        _, _, mine = self.call("POST", "/api/v1/personas", {"title": "Member's"}, user=member)
        self.assertEqual(self.call("GET", f"/api/v1/personas/{mine['id']}", user=owner)[0], 200)
        status, _, _ = self.call("DELETE", f"/api/v1/teams/{team['id']}/members/{member['id']}",
                                 user=member)
        self.assertEqual(status, 204)
        self.assertEqual(self.call("GET", f"/api/v1/personas/{mine['id']}", user=member)[0], 200)
        self.assert_error(self.call("GET", f"/api/v1/personas/{mine['id']}", user=owner), 404,
                          "not_found")

    def test_transfer_then_delete(self):
        owner, member = self.server.user(), self.server.user()
        team = self.make_team(owner)
        self.assert_error(self.call("POST", "/api/v1/teams", {"name": "Second"}, user=owner),
                          409, "conflict")
        self.call("POST", f"/api/v1/teams/{team['id']}/members", {"email": member["email"]},
                  user=owner)
        self.assert_error(self.call("DELETE", f"/api/v1/teams/{team['id']}/members/{owner['id']}",
                                    user=owner), 409, "conflict")
        status, _, moved = self.call("POST", f"/api/v1/teams/{team['id']}/transfer",
                                     {"user_id": member["id"]}, user=owner)
        self.assertEqual(status, 200, moved)
        self.assertEqual(moved["owner_id"], member["id"])
        self.assert_error(self.call("DELETE", f"/api/v1/teams/{team['id']}", user=member),
                          409, "conflict")
        self.assertEqual(self.call("DELETE", f"/api/v1/teams/{team['id']}/members/{owner['id']}",
                                   user=member)[0], 204)
        self.assertEqual(self.call("DELETE", f"/api/v1/teams/{team['id']}", user=member)[0], 204)
        _, _, me = self.call("GET", "/api/v1/me", user=member)
        self.assertIsNone(me["team_id"])


class TeamLimitTest(ApiTestCase):
    settings = {"plan_team_members": "2"}

    def test_member_limit_counts_invites(self):
        owner = self.server.user()
        _, _, team = self.call("POST", "/api/v1/teams", {"name": "Small"}, user=owner)
        self.assertEqual(self.call("POST", f"/api/v1/teams/{team['id']}/members",
                                   {"email": "a@example.com"}, user=owner)[0], 201)
        err = self.assert_error(self.call("POST", f"/api/v1/teams/{team['id']}/members",
                                          {"email": "b@example.com"}, user=owner),
                                403, "plan_limit")
        self.assertEqual(err.get("field"), "plan_team_members")
