'use strict';
/**
 * Word lists for the generated corpus. Frequencies come from Zipf-like weights (rank r drawn with
 * weight 1 / r^s, see corpus.js), so list order is popularity order: the first words are everywhere,
 * the tail is rare, as in real prose. Themes are what a case study is about; each is mentioned only
 * by the studies that picked it, which is what makes a keyword match a few per cent of the library.
 */
const words = (s) => s.trim().split(/\s+/);

module.exports = {
  REGIONS: [['london', 33], ['south_east', 66], ['south_west', 30], ['east_of_england', 45], ['west_midlands', 30],
    ['east_midlands', 36], ['yorkshire_and_the_humber', 21], ['north_west', 39], ['north_east', 12]],
  PLACE_START: words(`Ash Brad Chester Dun Ely Fair Glen Hart Ips Kings Lan Mal Nor Ox Peter Rich Salis Tam Wake
    Win York Bas Cam Dor Grant Hun Lei Mel New Ports Ross Sef Thur Wal Brom Cal Dart Ep Far Hal`),
  PLACE_END: words(`ford ton bury field ley wick ham stead mouth borough dale minster worth by caster well`),
  COUNCIL_KINDS: [['District Council', 'district'], ['Borough Council', 'unitary'], ['County Council', 'county'],
    ['City Council', 'metropolitan_district'], ['Council', 'london_borough']],
  TOPICS: ['Adult social care', 'Children and young people', 'Health and wellbeing', 'Housing and planning',
    'Economic growth', 'Climate change', 'Community safety', 'Employment and skills', 'Digital', 'Transport',
    'Public health', 'Finance and efficiency', 'Culture and tourism', 'Waste and recycling', 'Community cohesion',
    'Homelessness', 'Libraries', 'Devolution', 'Workforce', 'Fire and rescue', 'Licensing', 'Procurement',
    'Prevent', 'Flooding', 'Armed forces covenant', 'Elections', 'Trading standards', 'Coastal communities'],
  SUPPORT_TYPES: ['Peer support', 'Training and guidance', 'Funding and grants', 'Research and insight',
    'Partnership working', 'Productivity programme'],
  // [title phrase, sentence fragment]: the fragment carries the theme's distinctive words.
  THEMES: [
    ['Reducing delayed hospital discharges', 'discharge to assess beds and reablement at home'],
    ['A new approach to early help', 'early help hubs for families before problems escalate'],
    ['Joining up health and care', 'integrated care teams sharing records across the system'],
    ['Bringing empty homes back into use', 'empty homes brought back into use with landlord loans'],
    ['Supporting the high street', 'town centre footfall, market stalls and pop-up shops'],
    ['Net zero by 2030', 'retrofit of council buildings, heat pumps and solar panels'],
    ['Digital by default', 'online forms, chatbots and assisted digital support'],
    ['Tackling rough sleeping', 'outreach workers, hostels and the housing first model'],
    ['Care leavers into work', 'care leavers offered apprenticeships and mentoring'],
    ['Better school transport', 'school transport routes re-planned with independent travel training'],
    ['Social prescribing in practice', 'link workers prescribing walking groups, arts and gardening'],
    ['Making every contact count', 'frontline staff trained in brief conversations about smoking and alcohol'],
    ['Shared services across councils', 'back-office functions merged into a shared service'],
    ['Volunteers at the heart of the community', 'volunteers recruited, trained and thanked; volunteering roles for all ages'],
    ['Tackling loneliness', 'befriending calls and lunch clubs for isolated older people'],
    ['Food poverty and holiday hunger', 'holiday activities with free meals and food bank referrals'],
    ['Flood resilience', 'flood wardens, sandbag stores and property-level resilience grants'],
    ['Electric vehicle charging', 'on-street chargepoints and lamp-column charging'],
    ['Domestic abuse safe accommodation', 'refuge places, sanctuary schemes and independent advocates'],
    ['Fostering recruitment', 'foster carers recruited through an in-house fostering campaign'],
    ['Apprenticeship levy transfer', 'unspent levy funds transferred to small employers'],
    ['Library as a community hub', 'libraries hosting job clubs, code clubs and warm spaces'],
    ['Air quality near schools', 'school streets closing roads to traffic at drop-off'],
    ['Fly-tipping enforcement', 'fixed penalty notices, covert cameras and fly-tipping prosecutions'],
    ['Modern slavery', 'modern slavery statements and training for licensing officers'],
    ['Armed forces families', 'armed forces champions helping veterans with housing'],
    ['Cyber security', 'phishing exercises, backups and an incident response plan'],
    ['Council tax support', 'council tax reduction scheme redesigned as income bands'],
    ['Participatory budgeting', 'residents voting on how ward budgets are spent'],
    ['Selective licensing of private rented homes', 'landlord licences, inspections and hazard ratings'],
    ['Youth justice diversion', 'youth offending team diversion from court'],
    ['Dementia-friendly communities', 'dementia friends sessions for shops and buses'],
    ['Reablement after hospital', 'therapists setting goals in the first weeks at home'],
    ['Garden waste charging', 'subscriptions for brown bin collections'],
    ['Electoral registration canvass', 'canvass reform and data matching of electors'],
    ['Coastal erosion', 'cliff monitoring, groynes and managed realignment'],
    ['Rogue traders and scams', 'doorstep crime, no cold calling zones and scam marshals'],
    ['Playing pitch strategy', 'pitches, changing rooms and grassroots football clubs'],
    ['Heritage-led regeneration', 'listed buildings restored with heritage lottery grants'],
    ['Wild flower verges', 'verges cut less often to help pollinators and biodiversity'],
  ],
  // General prose, commonest first.
  NOUNS: words(`council service residents community partners staff support programme team people families
    area services approach year project data budget outcomes work scheme model costs demand officers members
    pilot funding evaluation impact system review strategy plan needs providers board network housing care
    health children schools business town centre homes income savings pressures capacity leadership culture
    process feedback engagement consultation priorities risk referrals cases assessment contract market
    workforce volunteers* training skills employment benefits tenants landlords estates roads transport
    buses parks waste recycling energy buildings assets libraries museums events festivals tourism visitors
    neighbourhoods wards parishes councillors cabinet scrutiny audit governance procurement suppliers
    commissioning framework pathway journey portal website app hub forum panel survey insight evidence
    analysis dashboard performance targets milestones lessons barriers challenges opportunities ambition`).filter((w) => !w.endsWith('*')),
  VERBS: words(`worked developed delivered introduced launched supported reviewed improved reduced increased
    created built tested agreed funded commissioned designed redesigned streamlined expanded piloted shared
    co-produced mapped measured trained recruited engaged consulted invested targeted prioritised simplified
    automated integrated aligned embedded evaluated scaled`),
  ADJECTIVES: words(`local new better early joint wider key additional significant positive strong clear
    practical effective sustainable flexible targeted preventative digital integrated innovative small
    vulnerable older younger rural urban diverse complex statutory existing annual independent`),
  GROUPS: words(`residents families tenants carers businesses pupils parents veterans patients landlords
    volunteers* students jobseekers shoppers commuters visitors`).filter((w) => !w.endsWith('*')),
};
