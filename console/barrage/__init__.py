"""The barrage: viewer comments from live sources, moderated, reviewed and logged (no Qt).

``sources`` read platforms into ``Message``; ``BarrageIngest`` batches them through the
``Pipeline`` (``normalise`` + compiled ``rules``) into verdicts, the ``BarrageLog`` and the
``ReviewQueue``; the window's feed model (``console.ui.barrage_feed``) shows the result.
"""

from console.barrage.classify import ProductMatcher, is_question
from console.barrage.config import ConfigError, ModerationConfig
from console.barrage.ingest import BarrageIngest
from console.barrage.log import BarrageLog, log_path
from console.barrage.message import ALL_ROOMS, Kind, Message
from console.barrage.pipeline import Judgements, Pipeline
from console.barrage.review import ReviewError, ReviewQueue, UserHistory
from console.barrage.rules import RuleSet
from console.barrage.verdict import PASSED, Action, Judged, Verdict

__all__ = [
    "ALL_ROOMS",
    "PASSED",
    "Action",
    "BarrageIngest",
    "BarrageLog",
    "ConfigError",
    "Judged",
    "Judgements",
    "Kind",
    "Message",
    "ModerationConfig",
    "Pipeline",
    "ProductMatcher",
    "ReviewError",
    "ReviewQueue",
    "RuleSet",
    "UserHistory",
    "Verdict",
    "is_question",
    "log_path",
]
