"""The menu lands where its words say, and the front page's member count agrees with the directory."""

import pytest

from members.enums import MembershipStatus
from members.selectors import member_count, public_organisations
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "funded", "groups"),
    [("fi", "Rahoitetut hankkeet", "Työryhmät"), ("sv", "Finansierade projekt", "Arbetsgrupper"),
     ("en", "Funded projects", "Working groups")],
)  # fmt: skip
def test_the_menu_leads_to_the_funded_projects_and_the_working_groups(client, lang, funded, groups):
    html = client.get(f"/{lang}/").content.decode()
    menu = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="/{lang}/funding/funded-projects/">{funded}</a>' in menu
    assert f'<a href="/{lang}/working-groups/">{groups}</a>' in menu
    page = client.get(f"/{lang}/funding/funded-projects/").content.decode()
    assert f'<a href="/{lang}/funding/funded-projects/" aria-current="page">{funded}</a>' in page


def test_the_front_page_explains_why_the_directory_lists_fewer_members(client):
    members, listed = member_count(), public_organisations().count()  # the coordination group's seats
    OrganisationFactory.create_batch(3)
    OrganisationFactory(listed_publicly=False)
    OrganisationFactory(status=MembershipStatus.PENDING, listed_publicly=True)
    html = client.get("/en/").content.decode()
    assert f"<strong>{members + 4}</strong> member organisations" in html
    assert (
        f'Of them, {listed + 3} are listed in the <a href="/en/members/">member directory</a>; '
        "the others have chosen not to be listed publicly."
    ) in html
    directory = client.get("/en/members/").content.decode()
    assert f"{listed + 3} organisations" in directory
