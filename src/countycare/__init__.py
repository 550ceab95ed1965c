"""countycare: typed models of integrated county health-care governance (县域医共体).

The public API is imported here; everything in ``__all__`` is stable.

Examples
--------
>>> import countycare
>>> countycare.Tier.TOWNSHIP.zh
'乡级'
"""

from countycare.community import County, MedicalCommunity, Membership, UnknownIdError
from countycare.errors import (
    CountyCareError,
    DataError,
    DefinitionError,
    PeriodError,
    Problem,
    Severity,
    UndefinedError,
    UnitError,
)
from countycare.geography import Township, Village
from countycare.institutions import OUTSIDE, Institution, Staff
from countycare.io import county_problems, dump_county, load_county
from countycare.labels import (
    Autonomy,
    CapabilityGrade,
    CareSetting,
    InstitutionKind,
    MembershipRole,
    Name,
    Ownership,
    ReferralDirection,
    ReferralStatus,
    Service,
    SourceStatus,
    Tier,
    UnifiedDimension,
)
from countycare.periods import Period, PeriodKind
from countycare.provenance import Fact, Origin, Provenance, Source
from countycare.units import Q_, ureg
from countycare.validation import check_county, validate_county

__version__ = "0.1.0.dev0"

__all__ = [
    "OUTSIDE",
    "Q_",
    "Autonomy",
    "CapabilityGrade",
    "CareSetting",
    "County",
    "CountyCareError",
    "DataError",
    "DefinitionError",
    "Fact",
    "Institution",
    "InstitutionKind",
    "MedicalCommunity",
    "Membership",
    "MembershipRole",
    "Name",
    "Origin",
    "Ownership",
    "Period",
    "PeriodError",
    "PeriodKind",
    "Problem",
    "Provenance",
    "ReferralDirection",
    "ReferralStatus",
    "Service",
    "Severity",
    "Source",
    "SourceStatus",
    "Staff",
    "Tier",
    "Township",
    "UndefinedError",
    "UnifiedDimension",
    "UnitError",
    "UnknownIdError",
    "Village",
    "__version__",
    "check_county",
    "county_problems",
    "dump_county",
    "load_county",
    "ureg",
    "validate_county",
]
