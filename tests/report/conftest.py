import pytest
from journey_fixture import make_result


@pytest.fixture
def result():
    return make_result()
