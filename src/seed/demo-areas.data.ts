import type { DemoArea, DemoPractice, DemoVenue } from './demo.types.ts';

// The demo PCN's neighbourhoods in north-west Leeds, and the venues where services meet. Street names are
// real roads of each area; venue names are invented. Each venue's postcode is a real one from its sector.

const STEP_FREE = 'Step-free entrance';
const TOILET = 'Accessible toilet';
const LOOP = 'Hearing loop in the main room';
const PARKING = 'Blue badge parking outside';
const LIFT = 'Lift to all floors';

function venue(
  key: string,
  name: string,
  street: string,
  sector: string,
  accessibility: string[],
): DemoVenue {
  return { key, name, street, sector, accessibility };
}

export const CITY_CENTRE = 'city-centre';

export const DEMO_AREAS: DemoArea[] = [
  {
    key: 'headingley',
    name: 'Headingley',
    venues: [
      venue('headingley-hub', 'Headingley Community Hub', 'North Lane', 'LS6 3', [STEP_FREE, TOILET, LOOP]),
      venue('shire-oak-hall', 'Shire Oak Church Hall', 'Otley Road', 'LS6 3', [STEP_FREE, TOILET]),
      venue('cardigan-fields-rooms', 'Cardigan Fields Meeting Rooms', 'Cardigan Road', 'LS6 1', [
        STEP_FREE,
        LIFT,
      ]),
    ],
  },
  {
    key: 'hyde-park',
    name: 'Hyde Park and Woodhouse',
    venues: [
      venue('brudenell-centre', 'Brudenell Neighbourhood Centre', 'Brudenell Road', 'LS6 1', [
        STEP_FREE,
        TOILET,
      ]),
      venue('woodhouse-moor-hall', 'Woodhouse Moor Community Hall', 'Woodhouse Lane', 'LS2 9', [TOILET]),
    ],
  },
  {
    key: 'kirkstall',
    name: 'Kirkstall',
    venues: [
      venue('kirkstall-centre', 'Kirkstall Valley Community Centre', 'Kirkstall Lane', 'LS5 3', [
        STEP_FREE,
        TOILET,
        PARKING,
      ]),
      venue('abbey-road-chapel', 'Abbey Road Chapel Rooms', 'Abbey Road', 'LS5 3', [STEP_FREE]),
      venue('kirkstall-allotments', 'Kirkstall Bridge Allotments', 'Commercial Road', 'LS5 3', []),
    ],
  },
  {
    key: 'meanwood',
    name: 'Meanwood',
    venues: [
      venue('meanwood-institute', 'Meanwood Village Institute', 'Green Road', 'LS6 4', [STEP_FREE, TOILET]),
      venue('monk-bridge-rooms', 'Monk Bridge Rooms', 'Monk Bridge Road', 'LS6 4', [STEP_FREE, TOILET, LOOP]),
    ],
  },
  {
    key: 'weetwood',
    name: 'Weetwood and Far Headingley',
    venues: [
      venue('weetwood-pavilion', 'Weetwood Lane Pavilion', 'Weetwood Lane', 'LS16 5', [
        STEP_FREE,
        TOILET,
        PARKING,
      ]),
      venue('far-headingley-hall', 'Far Headingley Parish Hall', 'Otley Road', 'LS16 5', [STEP_FREE, LOOP]),
    ],
  },
  {
    key: 'adel-cookridge',
    name: 'Adel, Cookridge and Holt Park',
    venues: [
      venue('holt-park-centre', 'Holt Park Wellbeing Rooms', 'Holt Road', 'LS16 7', [
        STEP_FREE,
        TOILET,
        LIFT,
        PARKING,
      ]),
      venue('cookridge-hall', 'Cookridge Methodist Hall', 'Tinshill Road', 'LS16 7', [STEP_FREE, TOILET]),
      venue('adel-rooms', 'Adel Village Rooms', 'Long Causeway', 'LS16 8', [STEP_FREE]),
    ],
  },
  {
    key: 'horsforth',
    name: 'Horsforth',
    venues: [
      venue('horsforth-hall', 'Horsforth Town Street Hall', 'Town Street', 'LS18 5', [
        STEP_FREE,
        TOILET,
        LOOP,
      ]),
      venue('newlay-rooms', 'Newlay Lane Community Rooms', 'Low Lane', 'LS18 4', [STEP_FREE, TOILET]),
    ],
  },
  {
    key: 'yeadon',
    name: 'Yeadon and Rawdon',
    venues: [
      venue('yeadon-town-hall-rooms', 'Yeadon High Street Rooms', 'High Street', 'LS19 7', [
        STEP_FREE,
        TOILET,
      ]),
      venue('rawdon-hub', 'Rawdon Community Hub', 'Harrogate Road', 'LS19 6', [STEP_FREE, TOILET, PARKING]),
    ],
  },
  {
    key: 'guiseley',
    name: 'Guiseley',
    venues: [
      venue('guiseley-centre', 'Guiseley Aire Valley Centre', 'Oxford Road', 'LS20 9', [
        STEP_FREE,
        TOILET,
        LOOP,
      ]),
      venue('guiseley-chapel', 'Guiseley Green Chapel Hall', 'Town Street', 'LS20 8', [STEP_FREE]),
    ],
  },
  {
    key: 'otley',
    name: 'Otley',
    venues: [
      venue('otley-courthouse', 'Otley Wharfeside Centre', 'Boroughgate', 'LS21 3', [
        STEP_FREE,
        TOILET,
        LIFT,
      ]),
      venue('otley-kirkgate-rooms', 'Kirkgate Rooms', 'Kirkgate', 'LS21 3', [STEP_FREE, TOILET]),
      venue('otley-riverside-plots', 'Wharfe Riverside Growing Plots', 'Bridge Street', 'LS21 1', []),
    ],
  },
  {
    key: 'bramley',
    name: 'Bramley',
    venues: [
      venue('bramley-centre', 'Bramley Broad Lane Centre', 'Broad Lane', 'LS13 3', [
        STEP_FREE,
        TOILET,
        PARKING,
      ]),
      venue('bramley-baths-rooms', 'Bramley Town Street Rooms', 'Town Street', 'LS13 2', [
        STEP_FREE,
        TOILET,
        LOOP,
      ]),
    ],
  },
  {
    key: CITY_CENTRE,
    name: 'Leeds city centre',
    venues: [
      venue('headrow-advice-centre', 'Headrow Advice Centre', 'The Headrow', 'LS1 6', [
        STEP_FREE,
        TOILET,
        LIFT,
        LOOP,
      ]),
      venue('park-square-offices', 'Park Square Chambers', 'Park Square', 'LS1 2', [LIFT, TOILET]),
      venue('merrion-house-rooms', 'Merrion Street Community Rooms', 'Merrion Street', 'LS2 8', [
        STEP_FREE,
        TOILET,
        LIFT,
      ]),
      venue('great-george-hub', 'Great George Street Wellbeing Hub', 'Great George Street', 'LS1 3', [
        STEP_FREE,
        LIFT,
        LOOP,
      ]),
    ],
  },
];

/** The areas with neighbourhood services (the city centre hosts city-wide services only). */
export const NEIGHBOURHOODS = DEMO_AREAS.filter((a) => a.key !== CITY_CENTRE);

// ODS-style codes, deliberately not real: real GP practice codes are a letter and five digits (Leeds
// practices start B86); `B9D` marks these as demo.
export const DEMO_PRACTICES: DemoPractice[] = [
  {
    key: 'weetwood-green',
    odsCode: 'B9D001',
    name: 'Weetwood Green Surgery',
    venue: venue('p-weetwood', 'Weetwood Green Surgery', 'Weetwood Lane', 'LS16 5', []),
  },
  {
    key: 'kirkstall-bridge',
    odsCode: 'B9D002',
    name: 'Kirkstall Bridge Medical Practice',
    venue: venue('p-kirkstall', 'Kirkstall Bridge Medical Practice', 'Kirkstall Lane', 'LS5 3', []),
  },
  {
    key: 'headingley-lane',
    odsCode: 'B9D003',
    name: 'Headingley Lane Health Centre',
    venue: venue('p-headingley', 'Headingley Lane Health Centre', 'Headingley Lane', 'LS6 1', []),
  },
  {
    key: 'horsforth-moor',
    odsCode: 'B9D004',
    name: 'Horsforth Moor Medical Centre',
    venue: venue('p-horsforth', 'Horsforth Moor Medical Centre', 'New Road Side', 'LS18 4', []),
  },
  {
    key: 'aireborough',
    odsCode: 'B9D005',
    name: 'Aireborough Family Practice',
    venue: venue('p-yeadon', 'Aireborough Family Practice', 'Harrogate Road', 'LS19 7', []),
  },
  {
    key: 'wharfe-valley',
    odsCode: 'B9D006',
    name: 'Wharfe Valley Surgery',
    venue: venue('p-otley', 'Wharfe Valley Surgery', 'Westgate', 'LS21 3', []),
  },
];

export const DEMO_PCN_NAME = 'Leeds North West PCN (demo)';

/**
 * The display name given to the tenant when the server or a command creates it.
 * @param seedDemo - whether the demo PCN is seeded (SEED_DEMO)
 */
export function defaultTenantName(seedDemo: boolean): string {
  return seedDemo ? DEMO_PCN_NAME : 'Demo Primary Care Network';
}

/**
 * Finds a venue by key.
 * @param key - the venue's key
 */
export function findVenue(key: string): { venue: DemoVenue; area: DemoArea } {
  for (const area of DEMO_AREAS) {
    const found = area.venues.find((v) => v.key === key);
    if (found !== undefined) {
      return { venue: found, area };
    }
  }
  throw new Error(`Unknown demo venue ${key}`);
}
