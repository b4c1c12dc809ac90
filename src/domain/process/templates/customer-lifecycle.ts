// The lifecycle's stages 0 to 5 (suspects to the close) are open stages; stages 6 to 10 (on-boarding
// to off-boarding) happen after the signature, so they are written into Closed Won's guidance instead of
// being stages: a signed deal that sat open through years of account management would never count as
// won, would stall, and would wreck win rates and cycle length.
import type { ProcessDefinition } from "../types";

export const CUSTOMER_LIFECYCLE: ProcessDefinition = {
  key: "customer_lifecycle",
  name: "Customer lifecycle",
  description:
    "Selling as a promise the whole company keeps: from a list of likely clients to a signed deal, with the life of the account after it.",
  stages: [
    {
      key: "suspects",
      name: "Suspects",
      kind: "open",
      probability: 5,
      // A name on a target list is not pipeline yet.
      forecastCategory: "omitted",
      definition: "An account in our market that could become a client if we earn the chance to help.",
      goals: [
        "Build a list of accounts that look like our best clients",
        "Understand the problems these buyers tend to have and what those problems cost them",
      ],
      buyerDoing: ["Living with the problem, often without calling it one", "Not yet looking for help"],
      sellerActivities: [
        "Pick accounts by the profile of clients we already serve well",
        "Write down the three or four problems this kind of buyer usually faces",
        "Note, for each problem, who in the account feels it most",
      ],
      doneCorrectly: "You know the range of problems this group faces and how those problems hurt them.",
      doneIncorrectly: "Your time goes into chasing accounts that were never going to be good clients.",
      stallDays: 60,
      exitCriteria: [
        { key: "fits_target_profile", label: "Account fits the profile of clients we serve well", type: "check" },
        { key: "problems_mapped", label: "Likely problems and their cost written down", type: "check" },
      ],
    },
    {
      key: "outreach",
      name: "Outreach",
      kind: "open",
      probability: 10,
      forecastCategory: "pipeline",
      definition: "Introduce yourself through several routes until a real conversation happens.",
      goals: [
        "Have one conversation that is worth both sides' time",
        "Decide whether this suspect becomes a prospect",
        "Give the relationship a reason to continue",
      ],
      buyerDoing: ["Screening unknown callers and emails", "Listening only when the topic is their own problem"],
      sellerActivities: [
        "Combine channels: a referral, a short email, a call, an event",
        "Open with their problem, not with our product",
        "Ask a question that lets them rule themselves in or out",
        "Agree a concrete reason and date to talk again",
      ],
      doneCorrectly:
        "A real conversation qualifies the suspect in or out, and if in, both sides see a reason to keep talking.",
      doneIncorrectly: "The suspect feels pushed, puts up their guard and starts avoiding you.",
      stallDays: 30,
      exitCriteria: [
        { key: "meaningful_conversation", label: "A two-way conversation held and the suspect qualified in", type: "check" },
        {
          key: "reason_to_continue",
          label: "Reason to continue recorded as the next step",
          type: "field",
          field: "nextStep",
          condition: { op: "is_set" },
        },
      ],
    },
    {
      key: "commitment",
      name: "Commitment",
      kind: "open",
      probability: 20,
      forecastCategory: "pipeline",
      definition: "The prospect has agreed to spend time with us exploring a fix and testing whether we can help.",
      goals: [
        "Get enough time on the calendar for a candid conversation",
        "Make sure the person with authority will be in it",
      ],
      buyerDoing: ["Setting time aside to explore the problem", "Deciding who on their side should be involved"],
      sellerActivities: [
        "Book the sessions with a clear agenda the buyer agreed to",
        "Ask who makes the call on a problem like this and invite them",
        "If you are pushed to a gatekeeper or asked only for a price, go back and re-earn access",
      ],
      doneCorrectly: "Time is booked for a frank conversation with the person who has authority.",
      doneIncorrectly: "You are sent to a gatekeeper for a price, or you keep chasing someone who dodges you.",
      stallDays: 21,
      exitCriteria: [
        { key: "time_committed", label: "Buyer committed time and the sessions are booked", type: "check" },
        {
          key: "authority_engaged",
          label: "The person with authority is named and attending",
          type: "field",
          field: "contacts",
          condition: { op: "has_contact_role", role: "decision_maker" },
        },
      ],
    },
    {
      key: "discovery",
      name: "Discovery",
      kind: "open",
      probability: 35,
      forecastCategory: "pipeline",
      definition: "Candid conversations with the people in charge to diagnose their problems before recommending anything.",
      goals: [
        "Find a compelling reason for them to spend time, money and people on the problem",
        "Hear them agree that they will buy if we solve it",
        "Disqualify the deal if no such reason exists",
      ],
      buyerDoing: [
        "Explaining the problem and its consequences",
        "Weighing whether fixing it is worth the effort now",
      ],
      sellerActivities: [
        "Ask about impact in numbers: hours, money, risk, missed revenue",
        "Hold back on solutions until the diagnosis is complete",
        "Ask plainly: if we solve this, will you go ahead?",
        "Record how they buy and the date they need the problem solved by",
      ],
      doneCorrectly:
        "Either you disqualify, or you find a reason strong enough to invest in, and they agree to buy if you fix it.",
      doneIncorrectly:
        "The prospect stalls with excuses about timing or money, and your free advice lets them fix it without you.",
      stallDays: 30,
      exitCriteria: [
        { key: "compelling_reason", label: "Compelling reason to act found", type: "check" },
        { key: "buy_if_solved", label: "Buyer agreed to buy if we solve the problem", type: "check" },
        {
          key: "buying_process",
          label: "How they buy is recorded",
          type: "field",
          field: "buyingProcess",
          condition: { op: "is_set" },
        },
        {
          key: "decision_date_set",
          label: "Date the problem must be solved by is the close date",
          type: "field",
          field: "closeDate",
          condition: { op: "is_set" },
        },
      ],
    },
    {
      key: "diagnosis",
      name: "Diagnosis",
      kind: "open",
      probability: 60,
      forecastCategory: "best_case",
      definition: "Propose how to solve their problems and show that we are the right partner to do it.",
      goals: [
        "Prove the fix works for today's problem and for where the business is going",
        "Show what it means for the people making the decision",
        "Leave with a commitment, not a compliment",
      ],
      buyerDoing: ["Judging the proposal against their criteria", "Deciding whether to commit"],
      sellerActivities: [
        "Present only the parts of the offer that answer the problems you diagnosed",
        "Tie each part to a result the buyer named",
        "Check for doubt out loud and deal with it in the room",
        "Agree the steps to signature, each with an owner and date",
      ],
      doneCorrectly: "You show clearly that you solve the problems, now and later, and you leave with a commitment.",
      doneIncorrectly:
        "You over-present or push, the buyer is unsure, praises the presentation and promises to get back to you.",
      stallDays: 30,
      exitCriteria: [
        {
          key: "decision_criteria",
          label: "Decision criteria recorded",
          type: "field",
          field: "decisionCriteria",
          condition: { op: "is_set" },
        },
        { key: "solution_proven", label: "Buyer agrees the proposal solves their problems", type: "check" },
        { key: "commitment_to_buy", label: "Buyer committed to go ahead", type: "check" },
        { key: "close_plan", label: "Close plan of at least three steps", type: "plan", minSteps: 3 },
      ],
    },
    {
      key: "close",
      name: "The Close",
      kind: "open",
      probability: 85,
      forecastCategory: "commit",
      definition: "An honest talk about the future that sets up a respected relationship with no regret after signing.",
      goals: [
        "Start the legal process and get the contract signed",
        "Line up our delivery team and set the customer's expectations",
        "Leave the competition no easy way back in",
      ],
      buyerDoing: ["Running legal and procurement", "Preparing their team for the change"],
      sellerActivities: [
        "Talk through what the first months will look like, including what could go wrong",
        "Get deal desk approval before conceding on price or terms",
        "Brief the delivery team on what was promised",
        "Attach the signed contract under its naming convention",
      ],
      doneCorrectly:
        "Legal starts, contracts are signed, delivery is ready, expectations are set, and rivals find the door closed.",
      doneIncorrectly: "The talk turns to price, you are compared as a commodity, and the margin goes.",
      stallDays: 21,
      exitCriteria: [
        { key: "expectations_set", label: "Expectations for the first months agreed with the customer", type: "check" },
        { key: "deal_desk_approval", label: "Deal desk approval, if the deal is non-standard", type: "approval" },
        { key: "delivery_briefed", label: "Delivery team briefed on what was sold", type: "check" },
        { key: "signed_contract", label: "Signed contract attached", type: "document", documentKind: "signed_contract" },
      ],
    },
    {
      key: "closed_won",
      name: "Closed Won",
      kind: "won",
      probability: 100,
      forecastCategory: "closed",
      definition: "The promise is sold; now the company keeps it through the life of the account.",
      goals: [
        "On-boarding: start the relationship well and agree how we talk and escalate",
        "Expansion: get introduced to other teams and solve bigger problems",
        "Maturity: know every division and plan the roadmap together",
        "Change: when their world shifts, restart the relationship on the goodwill earned",
        "Off-boarding: if they leave, find the real reason in an exit interview",
      ],
      buyerDoing: ["Rolling out what they bought", "Judging whether the promise is kept"],
      sellerActivities: [
        "Fill in why we won",
        "Hand over to the customer success manager with the promises made",
        "Agree an escalation path with the customer at kick-off",
        "Ask for introductions once value is proven",
      ],
      doneCorrectly:
        "On-boarding: you are a partner they hold to account and invite into strategy. Expansion: executives respect you and upsell comes often. Maturity: they trust us as a strategic partner. Change: you adapt and restart from the close, on-boarding or expansion. Off-boarding: you learn the true cause, not the excuse.",
      doneIncorrectly:
        "On-boarding: you are just a vendor and a competitor slips in. Expansion: procurement only asks for cuts. Maturity: you hang on with thin margins or depend on one client. Change: you are cut back or replaced. Off-boarding: you act on comfortable but wrong conclusions.",
      stallDays: null,
      exitCriteria: [],
    },
    {
      key: "closed_lost",
      name: "Closed Lost",
      kind: "lost",
      probability: 0,
      forecastCategory: "omitted",
      definition: "The prospect will not buy this time.",
      goals: ["Record why we lost, who we lost to, and any missing functionality"],
      buyerDoing: ["Choosing another provider, or doing nothing"],
      sellerActivities: [
        "Ask for the real reason, not the polite one",
        "Set a date to try again if timing was the issue",
      ],
      doneCorrectly: "",
      doneIncorrectly: "",
      stallDays: null,
      exitCriteria: [],
    },
  ],
};
