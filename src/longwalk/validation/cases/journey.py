"""Validation cases: journey — documented journeys on foot and their travel times (see longwalk.validation).

Each case builds a scenario in code for a documented party on (a section of) its real route in the built-in atlas,
runs the engine a few times and compares the party's progress with the source's.  The quantity is the distance made
good per calendar day (rest days and halts included): the planned route's length over the days the party took to
arrive (the day of arrival counted whole where the route is the documented journey, as the share of its hours walked
where a section stands for a long journey), median over the runs.  Where a source gives only a whole journey's
average, the prediction is made on a representative section of that route in the same season, which the case's
``method`` names; the party, the gear and the daily hours are the source's where it says, else an ``ESTIMATE``
stated in the case.  None of these parties lived off the land, so none forages (``forage_hours`` and
``forage_hours_hungry`` are 0); they bought or were given food on the way (``resupply``), and where they slept under
a roof (étapes, inns) a tent stands for it.

These cases plan real routes on the built-in atlas (a few seconds each once the atlas is built; the plans are cached
in ``cache_dir()/engine``) and run the engine, so they are all ``slow``.
"""

from __future__ import annotations

import numpy as np

from longwalk.validation import case

DARCHEN_ALTITUDE = 4670.0  # [m] Darchen, the kora's start (the case's method)
RUNS = 12  # runs per case: the median arrival day of 12 runs is stable to about a day on these short routes
SEED = 0


def _person(name: str, sex: str, age: float, height: float, body_mass: float, body_fat: float, fitness: float,
            clothing: float, traits: tuple[str, ...] = ()) -> dict:
    return dict(name=name, sex=sex, age=age, height=height, body_mass=body_mass, body_fat=body_fat,
                fitness=fitness, clothing_insulation=clothing, traits=list(traits))


def _km_per_day(name: str, start: str, party: list[dict], route: list[dict], supplies: dict, policy: dict,
                max_days: int, whole_journey: bool = False) -> float:
    """Planned route length over the median days to arrive [km day-1]; a run in which nobody arrives counts as
    never arriving, so a party that mostly fails to arrive predicts 0.

    The days are counted as the source counts them.  Where the route is the documented journey itself
    (``whole_journey``), the day of arrival counts whole, as the sources date a journey (set out on the 14th,
    crossed on the 24th: 11 days).  Where a section stands for a long journey's average, the day of arrival counts
    as the share of its hours walked: over a journey of weeks the last part-day does not matter, but on a section of
    four or five days rounding it up would lower the rate by a tenth or more."""
    from longwalk.engine.plan import plan_journey
    from longwalk.engine.records import Status
    from longwalk.engine.simulate import simulate
    from longwalk.scenario.schema import Scenario

    scenario = Scenario.model_validate(dict(name=name, start_date=start, max_days=max_days, party=party,
                                            route=route, supplies=supplies, policy=policy))
    plan = plan_journey(scenario)
    result = simulate(scenario, n_runs=RUNS, seed=SEED, plan=plan, incidents="causes")
    # day d is the (d+1)-th calendar day of the journey; the day of arrival whole or in part (see the docstring)
    hours = result.daily.hours_walked.max(axis=2)  # (runs, days) [h]
    days = np.full(len(result.fates), np.inf)
    for k, row in enumerate(result.fates):
        arrived = [f.day for f in row if f.status == Status.ARRIVED]
        if arrived:
            last = max(arrived)
            days[k] = last + (1.0 if whole_journey else min(hours[k, last] / policy["hours_per_day"], 1.0))
    median = float(np.median(days))
    return 0.0 if not np.isfinite(median) else float(plan.track.x[-1]) / 1000.0 / median


@case(
    id="journey-kennan-etape-march-tomsk",
    title="Convict marching party on the Siberian road out of Tomsk, late summer 1885",
    topic="journey",
    source=("Kennan G (1891) Siberia and the Exile System, vol. 1, ch. XVI 'Deportation by étape', p. 369: parties "
            "march Tomsk-Irkutsk (1040 miles) 'in about three months', 'expected to make about 500 versts, or 330 "
            "miles, a month, with twenty-four hours of rest every third day'; étapes stand 25 to 40 miles apart, a "
            "half-étape between them for the night; p. 378 the column moved 'about two miles an hour'; p. 384 the "
            "first day's march was 29 versts; p. 387 the party left Tomsk on 24 August"),
    observed=17.6, low=13.4, high=21.5, unit="km day-1",
    tolerance=("observed: 500 versts (533 km) a month of 30.4 days; band: one étape (25-40 miles) every three days "
               "(two marching days and a rest day), 13.4-21.5 km a calendar day; Tomsk-Irkutsk, 1674 km in about "
               "90 days (18.6 km a day), lies inside it"),
    method=("engine: eight adult men (ESTIMATE: ill-fed convicts, 62 kg, fitness 0.4, 1.2 clo, no sleeping gear), "
            "Tomsk (56.49N 84.95E) to Mariinsk (56.21N 87.75E) on the Siberian road, from 24 August 1885; 9 h "
            "walking a day (29 versts at 2 mph is 9.6 h, p. 378/384), a rest day after every two marching days "
            "(p. 369); the étape's roof stands as a tent, sleeping on plank platforms in their coats as 1 clo "
            "(ESTIMATE); 5 days of bread carried (ESTIMATE) and food from villages (resupply), no foraging; 12 "
            "runs, median"),
    constrains=("models.walking.daily_walking_speed", "engine.compose.walking_pace", "engine.phases.movement"),
    slow=True,
    note=("The convicts walked in leg-fetters on a post road with their baggage and sick on carts; the engine has "
          "no fetters and no roads, and puts the bread on the walkers' backs."),
)
def _kennan_etape() -> float:
    party = [_person(f"convict {i + 1}", "male", age, 1.70, 62.0, 0.12, 0.4, 1.2)
             for i, age in enumerate((22, 25, 28, 31, 34, 37, 40, 45))]
    return _km_per_day(
        "kennan-etape", "1885-08-24", party,
        [dict(name="Tomsk", lat=56.49, lon=84.95), dict(name="Mariinsk", lat=56.21, lon=87.75)],
        dict(food=[dict(kind="rye bread", mass=40.0, energy_density=2500.0)], water=8.0, water_capacity=1.0,
             sleeping_insulation=1.0, shelter="tent", load_other=3.0, fire="matches"),
        dict(hours_per_day=9.0, rest_every=2, ration=2500.0, forage_hours=0.0, forage_hours_hungry=0.0, resupply=True),
        max_days=60,
    )


@case(
    id="journey-lilwall-mccarron-gobi-winter",
    title="Lilwall and McCarron walk from Sainshand to the Chinese border in November 2011",
    topic="journey",
    source=("Becker K (2011) 'Walking Home From Mongolia: a month in', adventureblog.net, 14 Dec 2011: set out from "
            "Sainshand on 14 November, crossed the border on 24 November 'after just 12 days of hiking', 'the "
            "actual distance was closer to 250km', nights -18 to -30 °C; Lilwall R (2011) 'Gateway to Gobi', South "
            "China Morning Post, 29 Nov 2011: supplies of more than 80 kg for the 250 km to the next town, drawn on "
            "a hand-cart; the trailer 'Molly Brown' (sparklytrainers.com review of Lilwall R, Walking Home From "
            "Mongolia); '20kg packs on their backs' (Time Out Beijing review of the book)"),
    observed=22.7, low=20.8, high=25.0, unit="km day-1",
    tolerance="250 km in 10 to 12 days (the dates give 11 days, the report says 12): 20.8-25.0 km a day",
    method=("engine: two men (34 and 26, ESTIMATE 75 kg, fitness 0.75, 3.5 clo of winter clothing, 8 clo "
            "sleeping bags, tent, stove), Sainshand (44.88N 110.12E) to Zamyn-Üüd (43.72N 111.90E) from 14 "
            "November 2011; 8 h walking a day (ESTIMATE: November daylight is 9.5 h); 20 kg each on their backs "
            "(source); one hand-cart (supplies.carts) with the 80 kg of supplies (source): 24 kg of food (12 days), "
            "40 L of water and 16 kg of tent, stove and fuel (ESTIMATE: the supplies' split), the trailer itself 15 "
            "kg (ESTIMATE), hauled at models.walking.ROLLING_RESISTANCE's hand-cart on bare ground (0.06) or snow; "
            "12 runs, median"),
    constrains=("models.walking.daily_walking_speed", "models.walking.daily_hauling_speed",
                "models.walking.ROLLING_RESISTANCE", "models.walking.HAULING_EFFICIENCY",
                "engine.compose.walking_pace", "engine.compose.load_mass", "engine.phases.movement"),
    slow=True,
    note=("Fails (32.2 km a day: the atlas's 193 km in 6 days, 32 km on each).  Before the engine had carts it failed "
          "by as much with everything on their backs.  Hauled at 0.06 (the middle of worn gravel's 0.04 and medium hard"
          " soil's 0.08 for tyres) the cart costs each man about 28 N, some 130 W of metabolism at their pace, which "
          "two fitter-than-median men (models.walking.endurance_training) afford at the preferred pace of open ground "
          "near 1,000 m, where their VO2max is all but their sea-level value (models.altitude.vo2max_altitude_factor)."
          "  The rate is a step function of the whole days counted: 0.08 and 0.1 give 7 days (27.6), 0.12 8.5 days "
          "(22.7, inside the band); the coefficient is not chosen for the case.  On their walking days the engine's 32 "
          "km are what Lilwall reported a fortnight later south of the border, 'about 30 kilometres of hard-fought "
          "ground daily' (Lilwall R 2011, 'Miles not smiles in the Gobi', South China Morning Post, 13 Dec 2011, on a "
          "road in Inner Mongolia; tracks were 'slower'), so the gap lies in the days: 250 km in 11 days leaves short "
          "days or days off that no source counts, and no snow lies in the engine's November Gobi where they hauled "
          "over gravel and snow.  Lilwall's own account of the first day (Lilwall R 2011, 'Gateway to Gobi', SCMP, 29 "
          "Nov 2011) points three ways the engine cannot follow: out of Sainshand lay 'an endless yellow-brown sea of "
          "empty, ruffled sand' (sand: 0.1-0.2 for tyres, Carvill; the atlas has no sand, and a leg's ground could name"
          " it if a source said how far it went), 'our pace slowed to a trudge as we took shifts dragging Molly' (one "
          "man hauls the whole cart at a time, so the pace is that of the one hauling; the engine shares the cart "
          "between the members), and Molly was 'a sturdy iron beauty of a beast' (heavier, perhaps, than the 15 kg "
          "assumed).  Hauling in turns is no option of the engine's; the pull's power is linear in its force "
          "(models.walking.hauling_metabolic_rate), so turns would cost the pair what sharing costs.  None of these is "
          "fitted here."),
)


def _lilwall_gobi() -> float:
    party = [_person("Rob", "male", 34, 1.80, 75.0, 0.15, 0.75, 3.5),
             _person("Leon", "male", 26, 1.80, 75.0, 0.15, 0.75, 3.5)]
    return _km_per_day(
        "lilwall-gobi", "2011-11-14", party,
        [dict(name="Sainshand", lat=44.878, lon=110.119), dict(name="Zamyn-Uud", lat=43.716, lon=111.902)],
        dict(food=[dict(kind="noodles, oats and chocolate", mass=24.0, energy_density=4200.0)], water=40.0,
             water_capacity=20.0, sleeping_insulation=8.0, shelter="tent", fire="matches", load_other=20.0,
             carts=1, cart_kind="hand_cart", cart_mass=15.0 + 16.0, cart_load=80.0),
        dict(hours_per_day=8.0, rest_every=0, ration=3500.0, forage_hours=0.0, forage_hours_hungry=0.0, resupply=True),
        max_days=40, whole_journey=True,
    )


@case(
    id="journey-walker-beijing-ulaanbaatar",
    title="Charlie Walker walks alone from Beijing to Ulaanbaatar in spring 2012",
    topic="journey",
    source=("Walker C (2012) 'Walking to Mongolia', cwexplore.com blog, 8 June 2012 (Ulaanbaatar, day 709, 'miles on "
            "foot: 910'; 'walking 10 hours each day', a 40 L rucksack); 'Winter in Beijing', same blog, 24 April "
            "2012 (day 663, still in Beijing); cwexplore.com 'Walking the Gobi': 'six weeks and almost 1,000 miles', "
            "taken in by herders on the way"),
    observed=34.9, low=31.8, high=38.3, unit="km day-1",
    tolerance=("910 miles (1465 km) in six weeks (42 days); band: 910 miles in the 46 days between the two blog "
               "posts (31.8) to 'almost 1,000 miles' in 42 days (38.3)"),
    method=("engine, on the last section of the road (ESTIMATE: the Zamyn-Üüd-Ulaanbaatar road he had cycled in "
            "2009): Choir (46.36N 108.36E) to Ulaanbaatar (47.92N 106.92E) through the villages on the line of the "
            "road and railway, Bayantal, Maanit and Nalaikh (the gazetteer's positions; ESTIMATE: which villages "
            "the 2012 road passed is from memory of the map), from 1 June 2012; one man of 25 "
            "(ESTIMATE 72 kg, fitness 0.5, the median: 'my general state of unfitness after a stationary and "
            "indulgent winter', Walker 2012; 1.5 clo, bivvy bag 2 clo); 10 h walking a day "
            "(source); 4 days of food, 4 L of water and 6 kg of gear carried, food and water from herders and "
            "villages (resupply); 12 runs, median"),
    constrains=("models.walking.daily_walking_speed", "engine.compose.walking_pace", "engine.phases.movement"),
    slow=True,
    note=("Passes (37.1 km a day).  He walks by day, dawn to evening, through 'fierce desert heat' (the sources), "
          "and along the road through Bayantal, Maanit and Nalaikh, where a present-day traveller fills his bottles "
          "(in early June a day's walk needs more than the 4 L carried; his water capacity is not published).  Most "
          "runs walk 37-42 km a day, near his first day's 28 miles (45 km, Walker 2012, 'Walking to Mongolia'); two "
          "of the twelve take 16-20 days (lost or ill).  The rate depends on his fitness, an estimate: 35.4 at 0.4, "
          "37.1 at the median 0.5 taken here from his own words, 38.5 (above the band) at 0.6.  One section in "
          "early June stands for the whole six weeks: no source counts days off ('taken in by herders', "
          "cwexplore.com, yet he 'would only truly be able to rest once I reached Ulaan Baatar', the same post) "
          "or the slowing of the later weeks (he 'limped into Sukhbaatar Square'), so none is modelled.  The "
          "section's grades are gentle, so taking the preferred pace's change with slope from Campbell 2019's "
          "walkers instead of Tobler (no gain on gentle descents) barely moves it."),
)
def _walker_mongolia() -> float:
    party = [_person("Charlie", "male", 25, 1.83, 72.0, 0.14, 0.5, 1.5)]
    return _km_per_day(
        "walker-mongolia", "2012-06-01", party,
        [dict(name="Choir", lat=46.36, lon=108.36), dict(name="Bayantal", lat=46.562, lon=108.304),
         dict(name="Maanit", lat=47.25, lon=107.533), dict(name="Nalaikh", lat=47.767, lon=107.283),
         dict(name="Ulaanbaatar", lat=47.92, lon=106.92)],
        dict(food=[dict(kind="bread, noodles and biscuits", mass=3.5, energy_density=4000.0)], water=4.0,
             water_capacity=4.0, sleeping_insulation=2.0, shelter="tarp", fire="matches", load_other=6.0),
        # he walked by day, dawn to evening, through 'fierce desert heat' (the sources): no night marches
        dict(hours_per_day=10.0, rest_every=0, ration=3500.0, forage_hours=0.0, forage_hours_hungry=0.0, resupply=True,
             night_travel_above=60.0),
        max_days=30,
    )


@case(
    id="journey-thayer-gobi-summer",
    title="Helen and Bill Thayer walk the length of the Mongolian Gobi in summer 2001",
    topic="journey",
    source=("Kershner K (2011) 'Helen and Bill Thayer begin a 1,600-mile walk across the Gobi Desert on May 1, 2001', "
            "HistoryLink.org essay 9851: '1,600-mile, 71-day walk', two camels carrying the supplies, resupplied "
            "three times by plane; Stevick E (2001) 'Way off the beaten path', The Herald (Everett WA): '1,423 miles', "
            "'the two-month-long trek'; Publishers Weekly review of Thayer H (2007) Walking the Gobi: '80-day trek'"),
    observed=32.3, low=28.3, high=36.3, unit="km day-1",
    tolerance=("the contemporary distance (1,423 miles, 2290 km) over the dated 71 days; band: the sources' spread, "
               "2290 km in 81 days (28.3) to 1,600 miles (2575 km) in 71 days (36.3)"),
    method=("engine, on a representative section of the east-to-west crossing (ESTIMATE): Khanbogd (43.20N 107.20E) "
            "to Dalanzadgad (43.58N 104.42E) from 25 May 2001 (ESTIMATE: about 800 km from an eastern start on 1 "
            "May); Helen, 63, and Bill, 74 ('elderly'), ESTIMATE bodies; fitness 0.95 and 0.9 (ESTIMATE from their "
            "record: she represented New Zealand in the discus at the 1962 Commonwealth Games, climbed Peak "
            "Communism (7,495 m) at 48, walked solo to the magnetic North Pole at 50 and across the Sahara; the two "
            "'hike long and hard' on mountain trails daily (Wikipedia, 'Helen Thayer'; Women's Adventure Magazine, "
            "winter 2011-12, p. 58); before the Gobi they trained on a 1,500-mile trek through Death Valley and a "
            "4,000-mile Sahara walk, 'supplemented by daily runs and hikes' (Kershner 2011): the top twentieth and "
            "tenth of their ages, short of the ultra-distance athletes' top percent); they walked 'through "
            "sandstorms' (Stevick 2001), so they do not wait them out (policy wait_out_storms = false); 9 h walking "
            "a day (ESTIMATE), a rest day a week (ESTIMATE); 10 days of "
            "food and 10 L of water each; the two camels carry the loads (supplies.pack_animals), 200 kg each: 'the "
            "average load of a camel is about 4 cwts' (203 kg; Przhevalsky N (1876) Mongolia, the Tangut country and "
            "the solitudes of northern Tibet, vol. 1, p. 126, Mongol caravans); 12 runs, median"),
    constrains=("models.walking.daily_walking_speed", "models.walking.sustainable_vo2max_fraction",
                "models.walking.endurance_training", "engine.compose.walking_pace", "engine.phases.movement",
                "engine.phases.decisions"),
    slow=True,
    note=("The camels' own pace, grazing and water are not modelled: they carry the loads and walk with the party.  "
          "Failed (about a quarter of the band's low end) while every walker was held to Bink's industrial fraction "
          "of VO2max and the two were given ordinary fitness for their ages: the sustainable fraction now rises "
          "towards the trained athletes' (models.walking.sustainable_vo2max_fraction) with the fitness their "
          "record supports."),
)
def _thayer_gobi() -> float:
    party = [_person("Helen", "female", 63, 1.65, 58.0, 0.24, 0.95, 1.2),
             _person("Bill", "male", 74, 1.78, 75.0, 0.20, 0.9, 1.2, traits=("elderly",))]
    return _km_per_day(
        "thayer-gobi", "2001-05-25", party,
        [dict(name="Khanbogd", lat=43.20, lon=107.20), dict(name="Dalanzadgad", lat=43.577, lon=104.418)],
        dict(food=[dict(kind="dried food", mass=14.0, energy_density=4400.0)], water=20.0, water_capacity=10.0,
             sleeping_insulation=3.0, shelter="tent", fire="matches", load_other=5.0, pack_animals=2,
             pack_animal_load=200.0),
        dict(hours_per_day=9.0, rest_every=6, ration=3000.0, forage_hours=0.0, forage_hours_hungry=0.0, resupply=True,
             night_travel_above=35.0, wait_out_storms=False),
        max_days=40,
    )


@case(
    id="journey-kailash-kora",
    title="The pilgrims' circuit of Mount Kailash (about 52 km, over the 5,630 m Dolma La) in three days",
    topic="journey",
    source=("Rough Guides, 'Mount Kailash' (Tibet, western Tibet): 'the 58km tour around the mountain takes around "
            "three days': Darchen to Drirapuk, over the Dolma La to Zutrulpuk, back to Darchen; wakahi.com 'Mount "
            "Kailash trek': 52 km, 3 days; hindudharmaforums 'Mt Kailash kora': 'usually it takes 1-3 days. Three "
            "days are recommended', first day 7-11 h, and 12-14 h over the pass (themountainpath.net)"),
    observed=17.3, low=13.0, high=26.0, unit="km day-1",
    tolerance=("52 km in 3 days; band: the guides' 58 km in 3 days (19.3) and, as a judgement, between a slow four "
               "days (13.0) and two (26.0); Tibetan pilgrims who walk it in one day are not this party"),
    method=("engine: three trekkers (ESTIMATE bodies, fitness 0.6, 2.5 clo, tent and 5 clo bags), acclimatised at "
            "Darchen (4,670 m) after two weeks on the plateau as the sources' parties were; Darchen (30.96N "
            "81.29E), Dirapuk (31.10N 81.31E), Dolma La (31.08N 81.35E), Zutulpuk (31.04N 81.40E) and back, "
            "coordinates ESTIMATE from maps, on the atlas's 5' grid; from 15 June 2019; 9 h walking a day "
            "(ESTIMATE, middle of the quoted 7-14 h); 12 runs, median"),
    constrains=("models.walking.daily_walking_speed", "engine.compose.walking_pace",
                "models.altitude.vo2max_altitude_factor", "models.altitude.unacclimatised_endurance_factor"),
    slow=True,
    note=("On a 5' (about 9 km) grid the loop and the pass are smoothed: the route's length (43 km on the atlas) and "
          "its climb are the atlas's, not the trail's.  Fails (10.7 km a day: the atlas's 43 km in four days, 12 km a"
          " day on the march; 4.8 km a day before the trekkers' VO2max at altitude depended on their fitness).  "
          "Followed day by day: (1) the grid's cells average the massif: a few km out of Darchen the route is already"
          " some 600 m above it and stays between 5,300 and 5,500 m to the last descent, where the trail follows the "
          "Lha Chu and Zhong Chu valleys (4,700-5,000 m) and climbs only to the pass.  (2) Their VO2max there is "
          "0.645 of the sea-level value (models.altitude.vo2max_altitude_factor for fitness 0.6: untrained lowlanders"
          " lose less than the trained, Marconi et al. 2004, Martin & O'Kroy 1993), 22 mL kg-1 min-1 for the woman of"
          " 32 who sets the party's pace.  (3) Ordinary trekkers (fitness 0.6) hold little more than Bink's fraction "
          "of that for 9 h, which leaves her 1.2 km/h up a 5 % grade with a pack, where the trail's walkers make "
          "about 3 km/h to Dirapuk (20 km in 6-7 h).  Acclimatisation does not close the gap: it restores endurance "
          "at a submaximal load but not VO2max (Fulco et al. 1998, Aviat Space Environ Med 69:793), and the studies "
          "at 4,300 m find the walker not yet acclimatised below what the acclimatised one holds (a time trial 16 % "
          "longer on arrival than after 22 days: Bradbury et al. 2020; 4-14 % less power on day 3 than on day 10, the"
          " two groups of Fulco et al. 2005); none puts the acclimatised above the sea-level fraction of the altitude"
          " VO2max, where the model holds them (ESTIMATE, as before).  The model now takes from the walker not yet "
          "acclimatised (models.altitude.unacclimatised_endurance_factor): this party, acclimatised at 4,670 m, loses"
          " 0.4, 2.7 and 1.7 % of the fraction on its first three days on the grid's 4,760-5,510 m and nothing after,"
          " which leaves the prediction at 10.7 km a day (the same four days).  (4) The atlas shows none of the "
          "trail's streams or the monasteries' tea houses, so a party short of water may walk back to the last water "
          "it knows.  (5) The built-in elevation is pvlib's 5' Altitude.h5 everywhere; no finer elevation model ships"
          " with longwalk or is at hand offline, so the track cannot follow the valleys here (a scenario's "
          "terrain.dem takes SRTM or any GeoTIFF where a user has one; the case cannot ship one)."),
)


def _kailash_kora() -> float:
    # acclimatised at Darchen's altitude after two weeks on the plateau (the method): Person.acclimatised_altitude
    party = [dict(_person(name, sex, age, height, mass, fat, 0.6, 2.5), acclimatised_altitude=DARCHEN_ALTITUDE)
             for name, sex, age, height, mass, fat in (("A", "male", 35, 1.78, 75.0, 0.17),
                                                       ("B", "female", 32, 1.66, 60.0, 0.25),
                                                       ("C", "male", 45, 1.75, 80.0, 0.22))]
    return _km_per_day(
        "kailash-kora", "2019-06-15", party,
        [dict(name="Darchen", lat=30.96, lon=81.29), dict(name="Dirapuk", lat=31.10, lon=81.31),
         dict(name="Dolma La", lat=31.08, lon=81.35), dict(name="Zutulpuk", lat=31.04, lon=81.40),
         dict(name="Darchen again", lat=30.961, lon=81.291)],
        dict(food=[dict(kind="trekking food", mass=6.0, energy_density=4400.0)], water=6.0, water_capacity=2.0,
             sleeping_insulation=5.0, shelter="tent", fire="matches", load_other=8.0),
        dict(hours_per_day=9.0, rest_every=0, ration=3000.0, forage_hours=0.0, forage_hours_hungry=0.0, resupply=True),
        max_days=15, whole_journey=True,
    )


@case(
    id="journey-edo-commoners-tokaido",
    title="Commoners of Edo walk the Tokaido on pilgrimage to Ise, nineteenth century",
    topic="journey",
    source=("Tanigama H, 'People's travel in the nineteenth century: analysis of per-day walking distance of the "
            "travel to the Ise Shrine from Edo and environs', Nippon Sport Science University (abstract, "
            "sportshistory.sakura.ne.jp): commoners walked 'on average, approximately 34.4 kilometers per day, and "
            "around 10 hours per one day', the longest day about 50 km; J. Phys. Educ. Sport Sci. (jpess) 18(1) "
            "17-27 (2012), the 1846 diary 'Edo yori Karatsu made dochuki': 1113.5 km at 35.9 km a day, most days "
            "in the 30s (km); MLIT Yokohama office, Tokaido Q&A: 492 km in about half a month"),
    observed=34.4, low=30.0, high=40.0, unit="km day-1",
    tolerance=("the diaries' typical day, 30 to 40 km (most days of the 1846 diary); the averages of the three "
               "sources, 32.8 (492 km in 15 days), 34.4 and 35.9, lie inside it"),
    method=("engine, on the Tokaido from Sunpu (Shizuoka, 34.98N 138.38E) to Miya (Atsuta, Nagoya, 35.12N "
            "136.91E), about 170 km, from 1 April 1830 (ESTIMATE: the spring pilgrimage season); three men "
            "(ESTIMATE: 157 cm and 53 kg, the Edo-period average, fitness 0.5, 1.0 clo); 10 h walking a day "
            "(source); the inns' meals, roof and bedding stand as 4 days of dried rice carried, a tent and 4 clo of "
            "bedding (ESTIMATE: the engine has no inns), 2 kg of other load, food and water from the towns "
            "(resupply); 12 runs, median"),
    constrains=("models.walking.daily_walking_speed", "engine.compose.walking_pace", "engine.phases.movement"),
    slow=True,
    note="The Tokaido was a maintained road with inns every 9 km; the atlas has no roads (its ground is open country).",
)
def _edo_tokaido() -> float:
    party = [_person(f"pilgrim {i + 1}", "male", age, 1.57, 53.0, 0.13, 0.5, 1.0)
             for i, age in enumerate((24, 33, 41))]
    return _km_per_day(
        "edo-tokaido", "1830-04-01", party,
        [dict(name="Sunpu", lat=34.975, lon=138.383), dict(name="Miya", lat=35.125, lon=136.905)],
        dict(food=[dict(kind="dried rice and miso", mass=9.0, energy_density=3600.0)], water=3.0, water_capacity=1.0,
             sleeping_insulation=4.0, shelter="tent", load_other=2.0, fire="flint"),
        dict(hours_per_day=10.0, rest_every=0, ration=2500.0, forage_hours=0.0, forage_hours_hungry=0.0, resupply=True),
        max_days=30,
    )
