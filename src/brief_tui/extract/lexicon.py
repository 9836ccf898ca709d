"""Small built-in word lists for the name heuristics (English business and technology news).

Each list is one signal among several (see :mod:`brief_tui.extract.names`): a name not listed
here is still found by its form (suffixes, initials, hyphenated given names) and its context
(cue words, coordination with a known name, "X, <place>", "X-based"). Entries are matched
case-sensitively against the surface form, except where noted.
"""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(w.strip() for w in text.replace("\n", "|").split("|") if w.strip())


# Very well-known companies and institutions (one signal only; most organisations are found
# by form and context).
KNOWN_ORGS = _set("""
Apple|Microsoft|Google|Alphabet|Amazon|Meta|Facebook|Nvidia|NVIDIA|Tesla|Intel|AMD|Qualcomm|
Broadcom|TSMC|Samsung|IBM|Oracle|Cisco|Salesforce|Adobe|Netflix|Uber|Airbnb|PayPal|Visa|
Mastercard|OpenAI|Anthropic|xAI|DeepMind|Mistral|Cohere|Hugging Face|Perplexity|Baidu|Alibaba|
Tencent|ByteDance|TikTok|Huawei|Xiaomi|JD.com|Sony|Toyota|Honda|Nissan|Hyundai|Kia|Volkswagen|
BMW|Mercedes-Benz|Daimler|Ford|General Motors|GM|Renault|Siemens|Bosch|SAP|
Philips|ASML|ARM|Arm|Micron|Texas Instruments|Dell|HP|Lenovo|Foxconn|Panasonic|Hitachi|
Canon|Nintendo|Goldman Sachs|Morgan Stanley|JPMorgan|JPMorgan Chase|J.P. Morgan|
Citigroup|Citi|Bank of America|Wells Fargo|HSBC|Barclays|BNP Paribas|Deutsche Bank|UBS|
Credit Suisse|BlackRock|Blackstone|Vanguard|KKR|Carlyle|Apollo|Berkshire Hathaway|Sequoia|
Andreessen Horowitz|a16z|Tiger Global|Y Combinator|Nasdaq|NYSE|Exxon|ExxonMobil|Chevron|Shell|
BP|TotalEnergies|Saudi Aramco|Aramco|Gazprom|Pfizer|Moderna|Johnson & Johnson|Novartis|Roche|
AstraZeneca|Novo Nordisk|Eli Lilly|Merck|Walmart|Costco|Target|Nike|Coca-Cola|PepsiCo|
McDonald's|Starbucks|Disney|Comcast|Warner Bros|Spotify|Boeing|Airbus|Lockheed Martin|
Raytheon|SpaceX|Starlink|Reuters|Bloomberg|Nikkei|AWS|Azure|Google Cloud|YouTube|Instagram|
WhatsApp|GitHub|LinkedIn|Waymo|Anduril|Palantir|Snowflake|Databricks|ServiceNow|Shopify|
Accenture|Deloitte|PwC|KPMG|EY|McKinsey|ABB|Schneider Electric|Vodafone|Verizon|AT&T|
Ericsson|Nokia|SK Telecom|LG|Infosys|Wipro|Reliance|Xpeng|BYD|Nio|Rivian|
Lucid|Hon Hai|MediaTek|SMIC|Intel Foundry|GlobalFoundries|Marvell|Arista|Supermicro|
Super Micro|Dell Technologies|Hewlett Packard Enterprise|HPE|Equinix|Digital Realty|
IMF|World Bank|WTO|OPEC|OPEC+|NATO|United Nations|UN|WHO|OECD|SEC|FTC|FCC|FDA|DOJ|
Federal Reserve|Fed|ECB|European Central Bank|Bank of England|Bank of Japan|BOJ|
People's Bank of China|PBOC|European Commission|European Parliament|Treasury|Pentagon|
White House|Congress|Senate|Kremlin|Downing Street
""")

# A last word that makes a capitalised phrase an organisation ("Magnetar Capital").
ORG_SUFFIXES = _set("""
Inc|Inc.|Corp|Corp.|Corporation|Co|Co.|Company|Ltd|Ltd.|Limited|LLC|LLP|LP|plc|PLC|AG|SE|SA|
S.A.|NV|N.V.|GmbH|BV|AB|ASA|Oyj|KK|Group|Holdings|Holding|Capital|Partners|Ventures|Bank|
Labs|Lab|AI|Technologies|Technology|Tech|Systems|Networks|Semiconductor|Semiconductors|
Electronics|Energy|Motors|Motor|Pharmaceuticals|Pharma|Therapeutics|Biosciences|Robotics|
Research|Securities|Investments|Investment|Management|Advisors|Advisers|Airlines|Airways|
Insurance|Industries|Authority|Commission|Council|Association|Agency|Ministry|Department|
Reserve|Fund|Foundation|Institute|University|College|Court|Exchange|Bureau|Office|Board|
Trust|Platforms|Renewable|Renewables|Mining|Minerals|Media|Studios|Entertainment|
Communications|Telecom|Solutions|Software|Dynamics|Aerospace|Automotive|Financial|Finance|
Bancorp|Brands|Foods|Logistics|Chemicals|Steel|Petroleum|Oil|Gas|Power|Utilities|Cloud|
Computing|Microsystems|Devices|Instruments|Health|Healthcare|Motors|Mobility|Cooperative|
Union|Federation|Party|Parliament|Administration|Service|Services|Regulator|Treasury|Times|Sons|
Post|Journal|News|Digital|Data|Intelligence|Analytics|Infrastructure|Properties|Realty|REIT
""")

# Head words that make "<Head> of <Name>" an organisation ("Bank of Japan").
ORG_HEADS = _set("""
Bank|Ministry|Department|Council|Commission|Association|Bureau|University|Institute|Office|
Board|Court|Federation|Union|Authority|Agency|Society|Academy|Chamber|Government|Parliament|
Reserve|Fund|Centre|Center|Centres|Centers|School|College|Foundation|Secretary|Committee|House|
Institutes|Schools|Universities
""")

# Last words that make a phrase a geographic feature ("Lule River") when a determiner or a
# preposition of place comes before it.
GEO_TAILS = frozenset("""
River Lake Mountain Mountains Sea Bay Valley Island Islands Coast Canal Strait Gulf Peninsula
Desert Forest Basin Delta Plateau Ocean Highlands Hills Falls Harbour Harbor Fjord Glacier
""".split())
PLACE_PREPOSITIONS = frozenset("""
the in on along near across off over around through beside below above from to into at
""".split())

# Plural nouns that, before "such as", "including" or "like", announce organisations.
ORG_PLURALS = frozenset("""
companies firms banks lenders insurers railroads retailers carmakers automakers airlines
miners utilities chipmakers suppliers brokers funds investors rivals competitors peers
customers clients partners groups operators developers startups start-ups labs hyperscalers
platforms brands manufacturers makers exporters importers shippers lines carriers providers
vendors institutions regulators agencies managers backers shareholders buyers sellers
bidders acquirers owners tenants landlords builders contractors publishers broadcasters
studios unions exchanges governments ministries departments universities hospitals
""".split())

# Title words and dates cut from the end of a phrase ("Nvidia CEO", "Meta Monday").
TRAILING_TRIM = frozenset("""
CEO CFO CTO COO Co-CEO Chief Executive Founder Chairman President Governor Minister Secretary
Commissioner Senator Director Head Prime Vice Deputy Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January February March April May June July August September October November
December
""".split())

# Descriptive nouns that, capitalised at the start of a sentence, come before a name
# ("Developer Bluestem Energy will build…").
DESCRIPTORS = frozenset("""
developer operator lender insurer retailer chipmaker carmaker automaker maker startup start-up
rival regulator investor miner supplier manufacturer broker airline carrier provider owner
buyer seller conglomerate utility publisher platform designer builder contractor shipper
""".split())

# Nouns that, after "X, the …", say X is an organisation ("Helix Power, the Stockholm-listed
# utility").
APPOSITIVE_NOUNS = frozenset("""
company group firm maker developer bank lender startup start-up operator insurer retailer
chipmaker carmaker automaker utility fund investor provider platform manufacturer supplier
giant conglomerate subsidiary unit venture broker exchange regulator agency airline carrier
publisher owner designer builder miner producer refiner processor distributor
""".split())

# Words that never start a name: articles, prepositions, pronouns, conjunctions.
FUNCTION_WORDS = frozenset("""
The A An This That These Those It Its In On At By For With From To Of And Or But If When While
As After Before Since Until Why What Where Who How Which Whose We They He She I You Our Their
His Her My Your There Here Some Many Most Both Each Every All Any No Not Yet Still Also Even
Only Just So Such Than Then Thus Meanwhile However Instead Already Now Today Last Next
""".split())

# Phrases ending in these are not entities ("CHIPS Act", "Series G").
NON_ENTITY_TAILS = _set("""
Act|Law|Laws|Rule|Rules|Directive|Regulation|Treaty|Agreement|Accord|Index|Award|Prize|
Summit|Conference|Series|Round|Model|Models|Edition|Plan|Program|Programme|Strategy|Day|
Week|Month|Year|Quarter|Era|Age|War|Cup|Games|Olympics|Report|Survey|Study|Paper
""")

# Words before a name that say it is a person.
ROLE_WORDS = frozenset(w.casefold() for w in _set("""
Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Dr|Dr.|Prof|Prof.|Professor|Sir|Dame|Lord|Lady|Rev|CEO|Co-CEO|CFO|CTO|
COO|CIO|CMO|CSO|chief|executive|chairman|chairwoman|chair|chairperson|founder|co-founder|
cofounder|president|vice-president|governor|minister|secretary|commissioner|senator|
representative|congressman|congresswoman|mayor|chancellor|premier|king|queen|prince|princess|
analyst|economist|strategist|investor|director|spokesperson|spokesman|
spokeswoman|officer|manager|lawyer|attorney|judge|admiral|ambassador|
editor|reporter|author|researcher|scientist|professor|engineer|trader|banker|envoy|
chief executive|prime minister|deputy|vice|billionaire|entrepreneur|
candidate|nominee|adviser|advisor|counsel|treasurer|dean|rector
"""))

# Words after a name that say it is an actor (organisation unless it is a person).
ACTOR_VERBS = frozenset("""
said says announced announces reported reports agreed agrees plans planned expects expected
raised raises posted posts cut cuts acquired acquires signed signs opened opens closed closes
launched launches filed files received receives won wins lowered lowers sold sells bought buys
invested invests began begins started starts scrapped scraps hired hires fired fires warned
warns confirmed confirms denied denies unveiled unveils released releases secured secures
completed completes joined joins rose fell jumped slid dropped gained surged plunged climbed
will would has had is was told added declined estimates estimated forecast forecasts
approved approves rejected rejects fined fines sued sues blocked blocks delayed delays
""".split())

# Words after "X's" that say X is a business ("Nebius shares", "Samsung's revenue").
BUSINESS_NOUNS = frozenset("""
shares stock stocks revenue revenues sales profit profits earnings valuation board
chief ceo cfo customers investors market bonds debt margin margins guidance capex
executives employees staff subsidiary unit division stake headquarters products platform
""".split())

# Words before a name that say it is an organisation ("backed by X", "rivals such as X").
ORG_CUES = (
    "backed by", "investors including", "investors such as", "investors like",
    "investors include", "led by", "co-led by", "rivals such as", "rivals like",
    "rivals including", "competitors such as", "competitors like", "companies like",
    "companies such as", "companies including", "firms like", "firms such as",
    "hyperscalers like", "hyperscalers such as", "hyperscalers including", "customers such as",
    "customers including", "customers like", "clients such as", "clients including",
    "lenders including", "banks including", "banks such as", "peers like", "peers such as",
    "partnered with", "partnership with", "partner with", "deal with", "contract with",
    "agreement with", "acquisition of", "acquire", "acquired", "to buy", "bought", "stake in",
    "shares of", "analysts at", "economists at", "strategists at", "arranged by",
    "underwritten by", "funded by", "owned by", "spin-off from", "spin-out from",
    "carmakers such as", "automakers such as", "exporters such as", "makers such as",
    "suppliers such as", "suppliers like", "chipmakers such as", "chipmakers like",
    "labs such as", "labs like", "startups like", "startups such as", "lenders such as",
    "regulators such as", "members include", "customers include", "among its customers",
    "supplier to", "supplied by", "invest in", "invested in", "investment in",
    "estimates from", "estimate from", "data from", "research from", "report from",
    "note from", "forecast from", "analysts from",
)

# Words right after a name that say it is an organisation ("Rio Tinto chief executive X").
ORG_FOLLOWERS = frozenset("""
chief ceo cfo cto coo chairman chairwoman president founder co-founder cofounder spokesperson
spokesman spokeswoman executives shares stock board investors
""".split())

# Words that begin phrases that are not entities ("Series G", "Phase 2").
NON_ENTITY_HEADS = frozenset("Series Phase Stage Tier Round Class Type Version Chapter".split())

# Words before a name that say it is a place.
PLACE_CUES = ("near", "outside", "in", "across", "throughout", "around", "from", "to",
              "based in", "headquartered in", "located in")
PLACE_NOUNS = frozenset("""
coast coastline region province county state city port valley island islands peninsula
basin area district prefecture campus border capital metro suburb municipality
""".split())
PLACE_ADJ_SUFFIXES = ("-based", "-listed", "-headquartered", "-made", "-built", "-born",
                      "-area", "-region", "-anchored", "-centred", "-centered", "-registered")

# Capitalised words that are not names on their own: nationality adjectives, months, days,
# common sentence starters and generic capitalised words in news copy.
GENERIC = _set("""
The|A|An|This|That|These|Those|It|Its|It's|In|On|At|By|For|With|From|To|Of|And|Or|But|If|
When|While|As|After|Before|Since|Until|Why|What|Where|Who|How|Which|Whose|We|They|He|She|
I|You|Our|Their|His|Her|My|Your|There|Here|Some|Many|Most|Much|More|Less|Both|Each|Every|
All|Any|No|Not|Yet|Still|Also|Even|Only|Just|So|Such|Than|Then|Thus|Meanwhile|However|
Instead|Already|Now|Today|Tomorrow|Yesterday|Last|Next|New|Other|Another|One|Two|Three|
Four|Five|Six|Seven|Eight|Nine|Ten|First|Second|Third|Fourth|Fifth|Half|Several|Few|
Analysts|Investors|Shares|Traders|Officials|Executives|Employees|Customers|Critics|Sources|
People|Experts|Economists|Markets|Regulators|Lawmakers|Policymakers|Companies|Banks|Stocks|
Prices|Revenue|Sales|Profit|Demand|Supply|Growth|Inflation|Global|Chief|Executive|Founder|
Chairman|President|Governor|Minister|Secretary|Commissioner|Senator|Director|Head|Co-CEO|
CEO|CFO|CTO|Prime|Vice|Deputy|Group|Company|Government|State|Federal|National|
Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|
May|June|July|August|September|October|November|December|Feb|Mar|Apr|Jul|Aug|Sep|
Sept|Oct|Nov|Dec|American|British|English|French|German|Italian|Spanish|Dutch|Swiss|
Swedish|Norwegian|Danish|Finnish|Irish|Scottish|Welsh|Polish|Russian|Ukrainian|Chinese|
Japanese|Korean|South Korean|North Korean|Taiwanese|Indian|Pakistani|Indonesian|Vietnamese|
Thai|Malaysian|Singaporean|Filipino|Australian|Canadian|Mexican|Brazilian|Argentine|
Chilean|Colombian|Peruvian|African|South African|Nigerian|Kenyan|Egyptian|Saudi|Emirati|
Qatari|Israeli|Iranian|Iraqi|Turkish|Greek|Portuguese|Belgian|Austrian|Czech|Hungarian|
Romanian|European|Asian|Western|Eastern|Northern|Southern|Middle|Central|Latin|Arab|Gulf|
Nordic|Scandinavian|Continental|Atlantic|Pacific|Sovereign|Generative|Enterprise|Frontier|
Responsible|Open|Big|Small|Large|Top|Major|Senior|Junior|Chief Executive|Why|Bottom|Line|
Context|Details|Takeaway|Analysis|Yes|Update|Breaking|Exclusive|Opinion|Source|Sources|Via|
Read|More|Note|Notes|Issue|Edition|Brief|Briefing|Daily|Weekly|Morning|Evening|Wrap|Digest|
Internet|Web|Cloud|Data|Research|Energy|Power|Capital|Tech|Technology|Security|Defense|
Defence|Finance|Policy|Trade|Markets|Business|Industry|Labor|Labour|Health|Science|
Oil|Gold|Silver|Copper|Crude|Brent|Bitcoin|Ether|Bonds|Treasuries|Yields|Equities|Futures|
Rates|Sterling|Dollar|Euro|Yen|Yuan|Housing|Jobs|Unemployment|Wages|Consumers|Households|
Exports|Imports|Tariffs|Sanctions|Voters|Workers|Unions|Carmakers|Automakers|Chipmakers|
Lenders|Startups|Start-ups|Retailers|Shoppers|Drivers|Users|Developers|Engineers|Scientists|
Researchers|Doctors|Patients|Hospitals|Schools|Students|Teachers|Farmers|Officials|Ministers|
Lawyers|Judges|Courts|Prosecutors|Police|Troops|Protesters|Residents|Citizens|Governments|
Countries|Cities|States|Nations|Regions|Europeans|Americans|Asians|Africans|Chinese|Indians
""")

# All-capital tokens that are not organisations.
ACRONYM_STOP = _set("""
AI|AGI|GPU|GPUs|CPU|CPUs|TPU|TPUs|NPU|HBM|DRAM|NAND|SSD|LLM|LLMs|API|APIs|SaaS|IaaS|PaaS|
CEO|CFO|CTO|COO|CIO|CMO|IPO|IPOs|SPAC|GDP|CPI|PPI|PMI|PCE|ESG|ETF|ETFs|AUM|ARR|EPS|EBITDA|
EBIT|ROI|ROE|P/E|M&A|R&D|VC|VCs|PE|IT|TV|PC|PCs|OS|UI|UX|AR|VR|XR|EV|EVs|ICE|SUV|SUVs|
US|USA|U.S.|UK|U.K.|EU|E.U.|UAE|UN|USD|EUR|GBP|JPY|CNY|RMB|INR|KRW|CHF|DKK|SEK|NOK|AUD|CAD|
HKD|SGD|FY|YoY|QoQ|Q1|Q2|Q3|Q4|H1|H2|GW|MW|KW|kW|TW|GWh|MWh|TWh|kWh|TB|PB|GB|MB|EB|
NM|KM|OK|AM|PM|GMT|UTC|EST|EDT|PST|CET|BST|SOFR|LIBOR|JGB|JGBs|OAT|Bund|PPA|PPAs|DMA|DSA|
GDPR|CHIPS|IRA|OTC|FX|ADR|ADRs|REIT|REITs|LNG|OPEX|CAPEX|AAA|AA|BBB|NFT|DeFi|IoT|5G|4G|6G|
CCS|CO2|NGO|NGOs|HQ|FAQ|PDF|URL|USB|RAM|ROM|GPS|LED|LCD|OLED|SoC|ASIC|FPGA|CUDA|RISC|NVLink|
HPC|RAG|NLP|ML|DL|RL|B2B|B2C|DTC|SME|SMEs|KPI|KPIs|ESOP|LTV|CAC|MRR|NPS|CRM|ERP|SLA|
TAM|IRR|NAV|NIM|WACC|DCF|BPS|BP|PP|VAT|GST|CIT|FDI|IMO|ASAP|FOMO|TBD|NA|ID|QA|PR|HR|
WHY|WHAT|THE|AND|FOR|NEW|NOTE|WEEKLY|DAILY|MORNING|EVENING|UPDATE|BRIEF|BRIEFING|NEWS
""")

# Common given names in English-language business news (several languages).
FIRST_NAMES = _set("""
Aaron|Adam|Adrian|Ahmed|Aidan|Alan|Alastair|Albert|Alberto|Alec|Alejandro|Alessandro|Alex|
Alexander|Alexandra|Alexandre|Alexis|Alfred|Ali|Alice|Alicia|Alison|Allan|Allen|Alyssa|
Amanda|Amber|Amelia|Amir|Amit|Amy|Ana|Anand|Anders|Andre|Andrea|Andreas|Andrew|Andy|Angela|
Angus|Anil|Anita|Ann|Anna|Anne|Annie|Anthony|Antoine|Anton|Antonio|Anuj|Arjun|Arnaud|
Arthur|Arvind|Ashley|Ashok|Aurelien|Austin|Ava|Barbara|Barry|Bart|Ben|Benjamin|Benoit|
Bernard|Beth|Bill|Bob|Bobby|Boris|Brad|Bradley|Brandon|Brendan|Brian|Bruce|Bruno|Bryan|
Caitlin|Cameron|Carl|Carla|Carlos|Carmen|Carol|Caroline|Carolyn|Catherine|Cathy|Cecilia|
Charles|Charlie|Charlotte|Chase|Chen|Cheryl|Chris|Christian|Christina|Christine|Christopher|
Chuck|Claire|Clara|Claude|Claudia|Colin|Connor|Craig|Cristiano|Cynthia|Dan|Dana|Daniel|
Daniela|Danielle|Dario|Darren|Dave|David|Dean|Deborah|Deepak|Denis|Dennis|Derek|Diana|
Diane|Diego|Dimitri|Dina|Dmitry|Dominic|Don|Donald|Doug|Douglas|Dylan|Ed|Eddie|Edward|
Elena|Eli|Elizabeth|Ella|Ellen|Elon|Emily|Emma|Emmanuel|Eric|Erik|Erin|Ethan|Eugene|Eva|
Evan|Fabio|Fatima|Federico|Felipe|Felix|Fernando|Fiona|Florian|Frances|Francesco|Francis|
Francisco|Frank|Franz|Fred|Frederic|Gabriel|Gabriela|Gary|Gavin|Geoff|Geoffrey|George|
Georgia|Gerald|Gerard|Gina|Giorgia|Giovanni|Glen|Glenn|Gordon|Grace|Graham|Greg|Gregory|
Guillaume|Gustavo|Hamid|Hannah|Hans|Harold|Harry|Hassan|Heather|Heidi|Helen|Helena|Henrik|
Henry|Hiroshi|Hiroki|Holly|Howard|Hugh|Hugo|Ian|Igor|Ilya|Ingrid|Isaac|Isabel|Isabella|
Ivan|Jack|Jackie|Jacob|Jacques|Jaime|Jake|James|Jamie|Jan|Jane|Janet|Jared|Jason|Javier|
Jay|Jean|Jeff|Jeffrey|Jennifer|Jenny|Jensen|Jeremy|Jerome|Jessica|Jim|Jimmy|Jo|Joan|Joanna|
Joe|Joel|Johan|Johannes|John|Johnny|Jon|Jonathan|Jordan|Jorge|Jose|Joseph|Josh|Joshua|
Juan|Judith|Julia|Julian|Julie|Julien|Jun|Justin|Kamala|Karen|Karl|Kate|Katherine|Kathy|
Katie|Kazuo|Keith|Kelly|Ken|Kenji|Kenneth|Kevin|Kim|Klaus|Kristalina|Kurt|Kyle|Larry|Laura|
Lauren|Lawrence|Lee|Leo|Leon|Leonard|Li|Liam|Linda|Lisa|Liz|Lorenzo|Louis|Louise|Luc|Luca|
Lucas|Lucy|Luis|Luke|Lynn|Mac|Maria|Marie|Mario|Mark|Marco|Marcus|Margaret|Margrethe|
Maria|Mariana|Marina|Mark|Marta|Martin|Mary|Masayoshi|Mateo|Mathieu|Matt|Matteo|Matthew|
Max|Maxime|Megan|Mehmet|Melissa|Mei|Michael|Michel|Michele|Michelle|Miguel|Mike|Mikhail|
Ming|Mohamed|Mohammed|Muhammad|Mustafa|Nadia|Nancy|Naomi|Natalie|Nathan|Neil|Nick|Nicholas|
Nicola|Nicolas|Nicole|Nikhil|Nikolai|Nina|Noah|Noel|Nora|Olaf|Oliver|Olivia|Omar|Oscar|
Owen|Pablo|Pamela|Paolo|Patricia|Patrick|Paul|Paula|Pedro|Peng|Peter|Phil|Philip|Philippe|
Pierre|Pietro|Priya|Rachel|Rafael|Raj|Rajesh|Ralph|Ram|Ramon|Randy|Raphael|Ravi|Ray|
Raymond|Rebecca|Reed|Richard|Rick|Rishi|Rob|Robert|Roberto|Robin|Rodrigo|Roger|Roman|Ron|
Ronald|Rosa|Ross|Roy|Ruth|Ryan|Sabine|Sally|Sam|Samantha|Samuel|Sandra|Sanjay|Sara|Sarah|
Satya|Scott|Sean|Sebastian|Sergei|Sergey|Seth|Shane|Sharon|Shawn|Sheryl|Shinzo|Shira|
Simon|Sofia|Sophie|Stacy|Stefan|Stefano|Stephanie|Stephen|Steve|Steven|Stuart|Sue|Sundar|
Sunil|Susan|Suzanne|Sven|Takeshi|Tammy|Tanya|Taro|Ted|Teresa|Terry|Thierry|Thomas|Tim|
Timothy|Tina|Todd|Tom|Tomas|Tony|Tracy|Travis|Ulrich|Ursula|Valerie|Vanessa|Victor|
Victoria|Vikram|Vincent|Vivek|Vladimir|Walter|Wang|Warren|Wayne|Wei|Wendy|Will|William|
Xavier|Xi|Yann|Yasmin|Yuki|Yuri|Yusuf|Zach|Zachary|Zhang|Zoe
""")

COUNTRIES = _set("""
Afghanistan|Albania|Algeria|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahrain|
Bangladesh|Belarus|Belgium|Bolivia|Bosnia|Botswana|Brazil|Bulgaria|Cambodia|Cameroon|Canada|
Chile|China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|
Dominican Republic|Ecuador|Egypt|El Salvador|Estonia|Ethiopia|Finland|France|Georgia|
Germany|Ghana|Greece|Guatemala|Honduras|Hong Kong|Hungary|Iceland|India|Indonesia|Iran|
Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|
Laos|Latvia|Lebanon|Libya|Lithuania|Luxembourg|Macau|Madagascar|Malaysia|Mali|Malta|Mexico|
Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nepal|Netherlands|
New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|
Palestine|Panama|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|
Saudi Arabia|Senegal|Serbia|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|
Korea|Spain|Sri Lanka|Sudan|Sweden|Switzerland|Syria|Taiwan|Tanzania|Thailand|Tunisia|
Turkey|Turkiye|Uganda|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|U.K.|Britain|
Great Britain|England|Scotland|Wales|Northern Ireland|United States|US|U.S.|USA|America|
Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|EU|European Union
""")

REGIONS = _set("""
Europe|Asia|Africa|North America|South America|Latin America|Middle East|Asia-Pacific|
Southeast Asia|South Asia|East Asia|Central Asia|Eastern Europe|Western Europe|Scandinavia|
Nordics|Balkans|Baltics|Caribbean|Gulf|Persian Gulf|Sub-Saharan Africa|North Africa|
Silicon Valley|Wall Street|Eurozone|Euro Area|Arctic|Antarctica|Red Sea|North Sea|
Baltic Sea|Black Sea|Mediterranean|South China Sea|Taiwan Strait|Strait of Hormuz|
Gulf of Mexico|Panama Canal|Suez Canal|Pacific|Atlantic|Indian Ocean|Siberia|Patagonia|
Bavaria|Catalonia|Lombardy|Flanders|Wallonia|Ontario|Quebec|British Columbia|Alberta|
Queensland|New South Wales|Victoria|Guangdong|Shenzhen|Jiangsu|Zhejiang|Sichuan|Xinjiang|
Tibet|Hokkaido|Kyushu|Okinawa|Kashmir|Crimea|Donbas|Gaza|West Bank|Kurdistan|
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|
Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|
Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|
New Mexico|New York State|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|
Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|
Washington State|West Virginia|Wisconsin|Wyoming
""")

CITIES = _set("""
London|Paris|Berlin|Madrid|Rome|Milan|Amsterdam|Brussels|Frankfurt|Munich|Hamburg|Vienna|
Zurich|Geneva|Stockholm|Oslo|Copenhagen|Helsinki|Dublin|Edinburgh|Manchester|Lisbon|
Barcelona|Warsaw|Prague|Budapest|Athens|Istanbul|Moscow|Kyiv|Kiev|Tel Aviv|Jerusalem|
Dubai|Abu Dhabi|Riyadh|Doha|Cairo|Lagos|Nairobi|Johannesburg|Cape Town|Mumbai|Delhi|
New Delhi|Bangalore|Bengaluru|Hyderabad|Chennai|Kolkata|Pune|Karachi|Dhaka|Beijing|
Shanghai|Guangzhou|Hangzhou|Wuhan|Chengdu|Hong Kong|Macau|Taipei|Kaohsiung|Taichung|Seoul|
Busan|Tokyo|Osaka|Kyoto|Yokohama|Nagoya|Singapore|Kuala Lumpur|Jakarta|Bangkok|Hanoi|
Ho Chi Minh City|Manila|Sydney|Melbourne|Brisbane|Perth|Auckland|Toronto|Montreal|
Vancouver|Ottawa|Calgary|New York|New York City|Washington|Washington D.C.|Boston|Chicago|
San Francisco|Los Angeles|Seattle|Austin|Dallas|Houston|San Antonio|Denver|Phoenix|Atlanta|
Miami|Philadelphia|Detroit|Pittsburgh|Minneapolis|Portland|San Diego|San Jose|Las Vegas|
Nashville|Memphis|Charlotte|Baltimore|Salt Lake City|Columbus|Cleveland|Cincinnati|
Mexico City|Monterrey|Sao Paulo|São Paulo|Rio de Janeiro|Buenos Aires|Santiago|Lima|Bogota|
Bogotá|Caracas|Palo Alto|Mountain View|Menlo Park|Cupertino|Redmond|Santa Clara|Sunnyvale|
Cambridge|Oxford|Brussels|Luxembourg|Strasbourg|The Hague|Rotterdam|Antwerp|Lyon|
Marseille|Toulouse|Stuttgart|Cologne|Dusseldorf|Düsseldorf|Dresden|Leipzig|Turin|Naples|
Valencia|Seville|Porto|Gothenburg|Bergen|Krakow|Bucharest|Sofia|Belgrade|Zagreb|Riga|
Tallinn|Vilnius|Minsk|Tbilisi|Baku|Tehran|Baghdad|Beirut|Amman|Muscat|Kuwait City|Manama|
Jeddah|Casablanca|Tunis|Algiers|Accra|Addis Ababa|Dar es Salaam|Kinshasa|Luanda|Shenzhen|
Tianjin|Chongqing|Nanjing|Xi'an|Suzhou|Dalian|Qingdao|Xiamen|Incheon|Sapporo|Fukuoka|
Kobe|Hiroshima|Yangon|Phnom Penh|Colombo|Kathmandu|Islamabad|Lahore|Ahmedabad|Chandigarh|
Canberra|Adelaide|Wellington|Quebec City|Winnipeg|Edmonton|Anchorage|Honolulu|Sacramento|
Oakland|Orlando|Tampa|New Orleans|St. Louis|Kansas City|Indianapolis|Milwaukee|Raleigh|
Richmond|Reno|Albuquerque|Tucson|El Paso|Fort Worth|Oklahoma City|Omaha|Des Moines|
Guadalajara|Havana|Panama City|Quito|Montevideo|Brasilia|Brasília|Medellin|Medellín|
Davos|Basel|Lausanne|Bern|Salzburg|Innsbruck|Bologna|Florence|Venice|Bilbao|Malaga|Nice|
Bordeaux|Lille|Nantes|Grenoble|Eindhoven|Utrecht|Ghent|Leuven|Aarhus|Malmo|Malmö|Tampere|
Espoo|Galway|Cork|Belfast|Glasgow|Birmingham|Leeds|Liverpool|Bristol|Newcastle|Sheffield|
Nottingham|Southampton|Aberdeen|Cardiff
""")

PLACES = COUNTRIES | REGIONS | CITIES
