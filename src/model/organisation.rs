use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{code_enum, is_empty, newer_collection, present};
use crate::{CountryCode, OrganisationId, RegionId, Url};

code_enum! {
    /// What kind of body an organisation is.
    OrganisationKind, kind: "organisation kind" {
        /// A government.
        Government = "government",
        /// A public agency or office.
        Agency = "agency",
        /// A development bank.
        DevelopmentBank = "development_bank",
        /// A university or research centre.
        University = "university",
        /// A company.
        Business = "business",
        /// A business cluster.
        Cluster = "cluster",
        /// A network of cities, regions or bodies.
        Network = "network",
        /// A non-governmental organisation.
        Ngo = "ngo",
        /// An international body, such as the European Union.
        International = "international",
        /// A foundation (format 1.1).
        Foundation = "foundation",
        /// An association of members, such as an association of municipalities (format 1.1).
        Association = "association",
        /// A research institute that is not a university (format 1.1).
        Research = "research",
        /// A newspaper, broadcaster or other medium (format 1.1).
        Media = "media",
        /// Anything else.
        Other = "other",
    }
}

code_enum! {
    /// What an organisation does in the cooperation (format 1.1).
    OrganisationRole, kind: "organisation role" {
        /// Gives money.
        Funder = "funder",
        /// Leads or coordinates the cooperation.
        Coordinator = "coordinator",
        /// Carries out the work.
        Implementer = "implementer",
        /// Takes part as a partner.
        Partner = "partner",
        /// Receives visitors or hosts events.
        Host = "host",
        /// Brings knowledge: research, training, advice.
        KnowledgePartner = "knowledge_partner",
        /// Follows the cooperation without taking part.
        Observer = "observer",
        /// Benefits from the results.
        Beneficiary = "beneficiary",
        /// Anything else.
        Other = "other",
    }
}

/// A body named in the case study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Organisation {
    /// Id, unique among the organisations.
    pub id: OrganisationId,
    /// Name.
    pub name: String,
    /// What kind of body.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub kind: Option<OrganisationKind>,
    /// Which partner it belongs to: id of an entry in `regions`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub region: Option<RegionId>,
    /// Country (ISO 3166-1 alpha-2).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub country: Option<CountryCode>,
    /// Web site.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub url: Option<Url>,
    /// What it does in the cooperation, no repeats (format 1.1).
    #[serde(
        default,
        skip_serializing_if = "is_empty",
        deserialize_with = "newer_collection"
    )]
    #[schemars(extend("uniqueItems" = true))]
    pub roles: Vec<OrganisationRole>,
}

impl Organisation {
    /// An organisation with an id and a name and nothing else.
    pub fn new(id: OrganisationId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            kind: None,
            region: None,
            country: None,
            url: None,
            roles: Vec::new(),
        }
    }
}
