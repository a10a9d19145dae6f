import type { Role, Tier } from '../../contracts/common.js';

interface Person {
  name: string;
  email: string;
  role: Role;
}

/** The demo cast: a support provider and three customers of different sizes and industries. */
export function demoDirectory() {
  const staff: Person[] = [
    { name: 'Lena Fischer', email: 'lena.fischer@northwind-support.example', role: 'agent' },
    { name: 'Omar Haddad', email: 'omar.haddad@northwind-support.example', role: 'agent' },
    { name: 'Priya Raman', email: 'priya.raman@northwind-support.example', role: 'agent' },
    { name: 'Tomás Ortega', email: 'tomas.ortega@northwind-support.example', role: 'agent' },
    { name: 'Mei Lin', email: 'mei.lin@northwind-support.example', role: 'agent' },
    { name: 'Jonas Berg', email: 'jonas.berg@northwind-support.example', role: 'service_manager' },
  ];
  const customers: { name: string; domains: string[]; people: Person[] }[] = [
    {
      name: 'Acme Logistics',
      domains: ['acme-logistics.example'],
      people: [
        { name: 'Hannah Weber', email: 'hannah.weber@acme-logistics.example', role: 'customer_manager' },
        { name: 'Carlos Mendes', email: 'carlos.mendes@acme-logistics.example', role: 'requester' },
        { name: 'Aiko Tanaka', email: 'aiko.tanaka@acme-logistics.example', role: 'requester' },
      ],
    },
    {
      name: 'Globex Health',
      domains: ['globex-health.example'],
      people: [
        { name: 'Samuel Okafor', email: 'samuel.okafor@globex-health.example', role: 'customer_manager' },
        { name: 'Julia Nowak', email: 'julia.nowak@globex-health.example', role: 'requester' },
      ],
    },
    {
      name: 'Initech Finance',
      domains: ['initech-finance.example'],
      people: [
        { name: 'Rachel Kim', email: 'rachel.kim@initech-finance.example', role: 'customer_manager' },
        { name: 'Peter Gibbons', email: 'peter.gibbons@initech-finance.example', role: 'requester' },
        { name: 'Fatima Zahra', email: 'fatima.zahra@initech-finance.example', role: 'requester' },
      ],
    },
  ];
  const all = customers.map((customer) => customer.name);
  const teams: { name: string; tier: Tier; description: string; serves: string[]; members: string[] }[] = [
    {
      name: 'Service Desk',
      tier: 'L1',
      description: 'First contact: access, passwords, how-to, triage and escalation.',
      serves: all,
      members: [staff[0]!.email, staff[1]!.email],
    },
    {
      name: 'Application Support',
      tier: 'L2',
      description: 'Troubleshooting: performance, configuration, accounts, log analysis.',
      serves: all,
      members: [staff[2]!.email, staff[3]!.email],
    },
    {
      name: 'Development Support',
      tier: 'L3',
      description: 'Fixes in code and database, integrations, migrations.',
      serves: ['Acme Logistics', 'Initech Finance'],
      members: [staff[4]!.email],
    },
  ];
  return {
    provider: 'Northwind Support',
    admin: { name: 'Ada Admin', email: 'admin@northwind-support.example' },
    staff,
    customers,
    teams,
  };
}
