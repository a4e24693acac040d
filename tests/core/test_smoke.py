import pytest


@pytest.mark.django_db
def test_front_page_answers_in_each_language(client):
    for lang in ("fi", "sv", "en"):
        response = client.get(f"/{lang}/")
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in response.content.decode()
