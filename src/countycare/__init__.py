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
    ArgumentError,
    CountyCareError,
    DataError,
    DefinitionError,
    PeriodError,
    Problem,
    Severity,
    UndefinedError,
    UnitError,
)
from countycare.finance import (
    CapitationBudget,
    FixedBudget,
    HistoryBudget,
    Settlement,
    SettlementRules,
    Spending,
    dip_payments,
    drg_payments,
    settle,
    settle_years,
)
from countycare.geography import Township, Village
from countycare.governance import (
    Assessment,
    CommunityGovernance,
    PracticeCatalogue,
    PracticeRecord,
    PracticeState,
    assess,
)
from countycare.governance.files import load_governance
from countycare.indicators import (
    ChecklistAnswer,
    IndicatorDefinition,
    IndicatorSet,
    IndicatorValue,
    Measure,
    MeasureTable,
    Scorecard,
    Target,
    TargetBook,
    build_scorecard,
    evaluate,
    evaluate_many,
    indicator_set,
    read_measures,
    required_measures,
    roll_up,
)
from countycare.institutions import OUTSIDE, Institution, Staff
from countycare.io import (
    CountyFileCheck,
    check_county_file,
    county_problems,
    dump_county,
    load_county,
)
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
from countycare.records import DERIVABLE as DERIVABLE_MEASURES
from countycare.records import (
    MeasureResult,
    PublishedTable,
    RecordKind,
    Scenario,
    ValidationReport,
    clone_county,
    measure_records,
    suppress_small_cells,
    write_dataset,
)
from countycare.records import generate as generate_records
from countycare.referrals import (
    ReferralFlow,
    ReferralNetwork,
    ReferralRatio,
    build_network,
    network_from_edges,
    referral_measures,
    synthetic_referrals,
)
from countycare.tabular import MissingExtraError
from countycare.units import Q_, ureg
from countycare.validation import check_county, validate_county

__version__ = "0.1.0.dev0"

__all__ = [
    "DERIVABLE_MEASURES",
    "OUTSIDE",
    "Q_",
    "ArgumentError",
    "Assessment",
    "Autonomy",
    "CapabilityGrade",
    "CapitationBudget",
    "CareSetting",
    "ChecklistAnswer",
    "CommunityGovernance",
    "County",
    "CountyCareError",
    "CountyFileCheck",
    "DataError",
    "DefinitionError",
    "Fact",
    "FixedBudget",
    "HistoryBudget",
    "IndicatorDefinition",
    "IndicatorSet",
    "IndicatorValue",
    "Institution",
    "InstitutionKind",
    "Measure",
    "MeasureResult",
    "MeasureTable",
    "MedicalCommunity",
    "Membership",
    "MembershipRole",
    "MissingExtraError",
    "Name",
    "Origin",
    "Ownership",
    "Period",
    "PeriodError",
    "PeriodKind",
    "PracticeCatalogue",
    "PracticeRecord",
    "PracticeState",
    "Problem",
    "Provenance",
    "PublishedTable",
    "RecordKind",
    "ReferralDirection",
    "ReferralFlow",
    "ReferralNetwork",
    "ReferralRatio",
    "ReferralStatus",
    "Scenario",
    "Scorecard",
    "Service",
    "Settlement",
    "SettlementRules",
    "Severity",
    "Source",
    "SourceStatus",
    "Spending",
    "Staff",
    "Target",
    "TargetBook",
    "Tier",
    "Township",
    "UndefinedError",
    "UnifiedDimension",
    "UnitError",
    "UnknownIdError",
    "ValidationReport",
    "Village",
    "__version__",
    "assess",
    "build_network",
    "build_scorecard",
    "check_county",
    "check_county_file",
    "clone_county",
    "county_problems",
    "dip_payments",
    "drg_payments",
    "dump_county",
    "evaluate",
    "evaluate_many",
    "generate_records",
    "indicator_set",
    "load_county",
    "load_governance",
    "measure_records",
    "network_from_edges",
    "read_measures",
    "referral_measures",
    "required_measures",
    "roll_up",
    "settle",
    "settle_years",
    "suppress_small_cells",
    "synthetic_referrals",
    "ureg",
    "validate_county",
    "write_dataset",
]
