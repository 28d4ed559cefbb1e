/** The tags of the OpenAPI document, each with what its routes are for. A new tag goes here. */
export const API_TAGS: { name: string; description: string }[] = [
  {
    name: 'auth',
    description: 'Sign-in of staff (username and password) and of families (reference and PIN)',
  },
  {
    name: 'applications',
    description:
      "Loan applications: registration in the field, the review queue, decisions and the family's view",
  },
  { name: 'enterprise', description: 'What a family signed in with its reference and PIN sees' },
  {
    name: 'loans',
    description: 'Loans once paid out: schedule, days past due, SBS class, repayments, write-off',
  },
  {
    name: 'emergencies',
    description:
      'Declared emergencies (frost, drought, floods, unrest): every eligible loan of their districts reprogrammed',
  },
  {
    name: 'funds',
    description:
      "The guarantee fund, the innovation fund and the lending pool; the guarantee fund's analytics and stress test",
  },
  {
    name: 'portfolio',
    description:
      "Portfolio at risk, provisions, breakdowns and their history per close of business; the programme's impact",
  },
  { name: 'operations', description: 'The business date and the daily close of business' },
  {
    name: 'users',
    description: 'Staff accounts, managed by admins: create, change role, deactivate, reset',
  },
  {
    name: 'audit',
    description: 'Who did what: every change and sign-in, accepted or refused, append-only',
  },
];
