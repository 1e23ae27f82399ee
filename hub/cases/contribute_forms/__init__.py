"""Forms of the contribution journey: each step asks one thing, or a few close things.

Step forms start from the record's answers and have two buttons: "Save and continue" and
"Save and come back later". Saving for later lets required answers stay blank (they are
enforced again on the check answers page), but never blanks an answer already saved.
"""

from hub.cases.contribute_forms.base import (  # noqa: F401 - the journey reads steps from here
    AUTO_ID,
    SECTION_HINT,
    NamesField,
    PoundsField,
    StepForm,
    section_textarea,
    words,
)
from hub.cases.contribute_forms.coding import (  # noqa: F401 - the journey reads steps from here
    EVIDENCE_HINTS,
    LICENCE_HINTS,
    NOT_ASSESSED,
    STAGE_HINTS,
    ContinueForm,
    DatesForm,
    EvidenceForm,
    LicenceForm,
    OrganisationForm,
    PartnersForm,
    PickerForm,
    ServiceAreasForm,
    StageForm,
    ThemesForm,
)
from hub.cases.contribute_forms.evidence import (  # noqa: F401 - the journey reads steps from here
    PERIOD_LABELS,
    UNIT_LABELS,
    AttachmentForm,
    BenefitForm,
)
from hub.cases.contribute_forms.story import (  # noqa: F401 - the journey reads steps from here
    KIND_HINTS,
    ApproachForm,
    BenefitsNotesForm,
    CostForm,
    LessonsForm,
    ProblemForm,
    SummaryForm,
    TechnologyForm,
    TitleForm,
)
