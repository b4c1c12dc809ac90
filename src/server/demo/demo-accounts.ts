// Fictional accounts and buyer-side people for the demo deals. Any likeness to a real company is
// a coincidence; the domains use the reserved `.example` top-level domain.

export const ACCOUNTS: readonly string[] = [
  "Northwind Logistics", "Bluepeak Analytics", "Harbor & Vale Insurance", "Corvid Security",
  "Meridian Health Partners", "Lumen Freight", "Kestrel Robotics", "Saltmarsh Foods",
  "Brightline Payments", "Ironbridge Manufacturing", "Cobalt Ridge Energy", "Fernhill Education",
  "Tidewater Hotels", "Quarry Lane Capital", "Oakhaven Realty", "Silverleaf Pharma",
  "Pinecrest Telecom", "Arbor Legal Group", "Redwood Staffing", "Granite Peak Construction",
  "Helix Biotech", "Summit Outdoor Co.", "Vantage Retail Group", "Copperfield Media",
  "Driftwood Travel", "Evergreen Credit Union", "Falcon Aerospace Parts", "Glasshouse Studios",
  "Hollow Creek Farms", "Indigo Fashion House", "Juniper Networks Consulting", "Keystone Utilities",
  "Larkspur Clinics", "Maplewood Schools", "Nimbus Cloud Services", "Orchard Lane Grocers",
  "Polaris Shipping", "Quillon Publishing", "Riverbend Bank", "Stonegate Property",
  "Trailhead Software", "Umber Interiors", "Vireo Mobility", "Westbrook Automotive",
  "Yellowfin Seafood", "Zephyr Wind Systems", "Alder Street Dental", "Beacon Hill Advisors",
  "Cascade Water Works", "Dovetail Furniture", "Emberline Restaurants", "Foxglove Cosmetics",
  "Goldcrest Mining", "Highmark Fitness", "Islay Distillers", "Jetstream Couriers",
  "Kingfisher Marine", "Lighthouse Labs", "Monarch Events", "Nettle & Finch Apparel",
  "Osprey Drones", "Parallax Games", "Quantum Leaf Solar", "Rook Cybersecurity",
  "Sable Audio", "Thistle Home Care", "Upland Agritech", "Verdant Packaging",
  "Willow Pet Health", "Xylo Instruments", "Yardarm Sailing", "Zenith Payroll",
  "Anchor Point Storage", "Bramble Bakeries", "Cinder Block Labs", "Dunmore Breweries",
  "Eastgate Pharmacy", "Fairway Golf Supply", "Gullwing Airlines", "Hearthstone Senior Living",
  "Ivory Tower Research", "Jadestone Jewelers", "Kiln & Co. Ceramics", "Lodestar Fleet",
];

export const FIRST_NAMES: readonly string[] = [
  "Olivia", "Liam", "Amara", "Noah", "Sofia", "Mateo", "Hannah", "Ethan", "Yuki", "Daniel",
  "Fatima", "Lucas", "Grace", "Omar", "Chloe", "Ravi", "Isabel", "Jonas", "Mei", "Kwame",
  "Laura", "Diego", "Nora", "Samuel", "Ines", "Victor", "Rachel", "Andre", "Zara", "Felix",
];

export const LAST_NAMES: readonly string[] = [
  "Bennett", "Okonkwo", "Schmidt", "Alvarez", "Chen", "Kowalski", "Haddad", "Murphy", "Tanaka",
  "Novak", "Patel", "Johansson", "Moreau", "Adeyemi", "Rossi", "Fischer", "Kim", "O'Brien",
  "Castillo", "Nguyen", "Larsen", "Mensah", "Weber", "Silva", "Brooks", "Ivanova",
];

/** Job titles by contact role, as they appear on a buyer's org chart. */
export const TITLES = {
  decision_maker: ["VP of Sales", "Chief Revenue Officer", "SVP Commercial"],
  economic_buyer: ["Chief Financial Officer", "VP Finance"],
  champion: ["Director of Revenue Operations", "Head of Sales Enablement", "Sales Operations Manager"],
  influencer: ["Regional Sales Director", "Head of Customer Success"],
  technical_buyer: ["Head of IT", "Director of Business Systems", "CRM Administrator"],
  procurement: ["Procurement Manager", "Strategic Sourcing Lead"],
  legal: ["Senior Counsel", "Contracts Manager"],
  user: ["Account Executive", "Sales Development Lead"],
} as const;

/** `Harbor & Vale Insurance` → `harborvaleinsurance.example` */
export const domainOf = (account: string) => `${account.toLowerCase().replace(/[^a-z0-9]/g, "")}.example`;
