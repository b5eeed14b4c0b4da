"""The reply loop's models: the campaign's demands, MPs' stances on them, the follow-ups that
ask supporters whether their MP replied, and the public "Where MPs stand" page."""

# isort: off
# The page comes last: its routes import the views, which import the models above it.
from .follow_up import Answer, FollowUp
from .stances import Demand, Position, Stance
from .page import WhereMPsStandPage

# isort: on

__all__ = ["Answer", "Demand", "FollowUp", "Position", "Stance", "WhereMPsStandPage"]
