"""The `/api/v1/` surface: each domain app contributes its own router."""

from hub.academies.api import academies_router
from hub.assessment.api import assessment_router
from hub.cases.api import cases_router
from hub.champions.api import champions_router
from hub.core.api import build_api
from hub.core.throttling import api_throttles
from hub.events.api import events_router
from hub.market.api import market_router
from hub.organisations.api import organisations_router, places_router
from hub.peer_challenge.api import peer_challenges_router
from hub.programme.api import programme_router

# Every operation is rate limited (hub.core.throttling; rates in settings).
api = build_api(urls_namespace="api-v1", throttle=api_throttles())
api.add_router("/organisations", organisations_router)
api.add_router("/places", places_router)
api.add_router("/cases", cases_router)
api.add_router("/events", events_router)
api.add_router("/champions", champions_router)
api.add_router("/academies", academies_router)
api.add_router("/self-assessment", assessment_router)
api.add_router("/peer-challenges", peer_challenges_router)
api.add_router("/programme", programme_router)
api.add_router("/market", market_router)
