"""Governance of a medical community: unified management, authority, and the tightness assessment.

- :mod:`~countycare.governance.practices`: the practice catalogue under the six unified dimensions
  (六统一) and a community's dated practice records;
- :mod:`~countycare.governance.authority`: bodies, the management committee, the six autonomies,
  decision rights and the separation of oversight from operation (管办分离);
- :mod:`~countycare.governance.record`: :class:`CommunityGovernance`, all of it for one community;
- :mod:`~countycare.governance.assessment`: the tightness checklist and :func:`assess`;
- :mod:`~countycare.governance.files`: loading a governance TOML file (``load_governance``).
"""

from countycare.governance.assessment import (
    NHC_2020,
    NHC_2024,
    TIGHTNESS_ITEMS,
    Assessment,
    ChecklistItem,
    ItemAnswer,
    ItemResult,
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

__all__ = [
    "NHC_2020",
    "NHC_2024",
    "PRACTICES",
    "TIGHTNESS_ITEMS",
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
    "Practice",
    "PracticeCatalogue",
    "PracticeRecord",
    "PracticeState",
    "Requirement",
    "UnknownPracticeError",
    "Verdict",
    "assess",
    "separation_problems",
    "state_on",
]
