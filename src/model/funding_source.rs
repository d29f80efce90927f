use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Money, Share, code_enum, is_empty, newer_collection, present};
use crate::{FundingSourceId, OrganisationId, PartialDate, RegionId, Url};

code_enum! {
    /// Who gives the money.
    FundingKind, kind: "funding kind" {
        /// A programme of the European Union.
        EuProgramme = "eu_programme",
        /// A development bank, such as the Inter-American Development Bank.
        DevelopmentBank = "development_bank",
        /// A national government scheme.
        National = "national",
        /// A regional government scheme.
        Regional = "regional",
        /// A local government scheme.
        Local = "local",
        /// A company.
        Private = "private",
        /// A foundation.
        Foundation = "foundation",
        /// Anything else.
        Other = "other",
    }
}

code_enum! {
    /// Where the money stands.
    FundingStatus, kind: "funding status" {
        /// Looked at as a possibility.
        Considered = "considered",
        /// Applied for.
        Applied = "applied",
        /// Granted, not yet paid.
        Awarded = "awarded",
        /// Paid.
        Received = "received",
        /// Used before this cooperation.
        Past = "past",
        /// Turned down.
        Rejected = "rejected",
    }
}

code_enum! {
    /// What the money of a funding source is for (format 1.1).
    FundingScope, kind: "funding scope" {
        /// This pairing: what `scope` means when it is absent.
        Pairing = "pairing",
        /// One of the partners, for its part of the cooperation.
        Partner = "partner",
        /// A whole programme of which this pairing is a part.
        Programme = "programme",
    }
}

// `code_enum!` defines the enum, so the default cannot be derived there.
#[allow(clippy::derivable_impls)]
impl Default for FundingScope {
    fn default() -> Self {
        Self::Pairing
    }
}

/// Money that was used, sought or considered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FundingSource {
    /// Id, unique among the funding sources.
    pub id: FundingSourceId,
    /// Name of the funder or scheme: "Inter-American Development Bank".
    pub name: String,
    /// Who gives the money.
    pub kind: FundingKind,
    /// Where the money stands.
    pub status: FundingStatus,
    /// How much.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub amount: Option<Money>,
    /// Which partners it concerns: ids of entries in `regions`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub regions: Vec<RegionId>,
    /// Web site.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub url: Option<Url>,
    /// Anything worth saying about it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub note: Option<String>,
    /// Who gives the money: id of an entry in `organisations` (format 1.1).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub funder: Option<OrganisationId>,
    /// The term of the grant, usually an interval: `2019-01/2021-12` (format 1.1). It
    /// dates the money for `historic-currency`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub period: Option<PartialDate>,
    /// What the money is for; `pairing` when absent, and kept apart from `pairing` so that
    /// a document read and written back gains no key (format 1.1).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub scope: Option<FundingScope>,
    /// Who got or gave how much of `amount` (format 1.1).
    #[serde(
        default,
        skip_serializing_if = "is_empty",
        deserialize_with = "newer_collection"
    )]
    pub shares: Vec<Share>,
}

impl FundingSource {
    /// What the money is for: `scope`, or `pairing` when it is absent.
    pub fn scope(&self) -> FundingScope {
        self.scope.unwrap_or_default()
    }

    /// A funding source with the required fields and nothing else.
    pub fn new(
        id: FundingSourceId,
        name: impl Into<String>,
        kind: FundingKind,
        status: FundingStatus,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            status,
            amount: None,
            regions: Vec::new(),
            url: None,
            note: None,
            funder: None,
            period: None,
            scope: None,
            shares: Vec::new(),
        }
    }
}
