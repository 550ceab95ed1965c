"""Governance of a medical community: unified management, authority, and the tightness assessment.

- :mod:`~countycare.governance.practices`: the practice catalogue under the six unified dimensions
  (六统一) and a community's dated practice records;
- :mod:`~countycare.governance.authority`: bodies, the management committee, the six autonomies,
  decision rights and the separation of oversight from operation (管办分离);
- :mod:`~countycare.governance.record`: :class:`CommunityGovernance`, all of it for one community;
- :mod:`~countycare.governance.checklist`: the tightness checklist items and their mapping;
- :mod:`~countycare.governance.assessment`: :func:`assess`, three-valued (met / not met / unknown);
- :mod:`~countycare.governance.score`: the [reconstructed] score and its assumption on unknowns;
- :mod:`~countycare.governance.files`: loading a governance TOML file (``load_governance``).
"""

from countycare.governance.assessment import (
    NHC_2020,
    NHC_2024,
    TIGHTNESS_ITEMS,
    VERDICT_RULE,
    Assessment,
    ChecklistItem,
    ItemAnswer,
    ItemResult,
    MissingPractice,
    MissingReason,
    Requirement,
    Verdict,
    assess,
)
from countycare.governance.authority import (
    AutonomyGrant,
    Body,
    BodyKind,
    DecisionArea,
    DecisionRight,
    Department,
    GovernanceRole,
    ManagementCommittee,
    separation_problems,
)
from countycare.governance.catalogue import PRACTICES
from countycare.governance.practices import (
    Evidence,
    EvidenceKind,
    Practice,
    PracticeCatalogue,
    PracticeRecord,
    PracticeState,
    UnknownPracticeError,
    state_on,
)
from countycare.governance.record import CommunityGovernance
from countycare.governance.score import SCORE_SCALE, Score, score_of

__all__ = [
    "NHC_2020",
    "NHC_2024",
    "PRACTICES",
    "SCORE_SCALE",
    "TIGHTNESS_ITEMS",
    "VERDICT_RULE",
    "Assessment",
    "AutonomyGrant",
    "Body",
    "BodyKind",
    "ChecklistItem",
    "CommunityGovernance",
    "DecisionArea",
    "DecisionRight",
    "Department",
    "Evidence",
    "EvidenceKind",
    "GovernanceRole",
    "ItemAnswer",
    "ItemResult",
    "ManagementCommittee",
    "MissingPractice",
    "MissingReason",
    "Practice",
    "PracticeCatalogue",
    "PracticeRecord",
    "PracticeState",
    "Requirement",
    "Score",
    "UnknownPracticeError",
    "Verdict",
    "assess",
    "score_of",
    "separation_problems",
    "state_on",
]
