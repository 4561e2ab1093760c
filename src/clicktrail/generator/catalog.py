"""Static catalogues of the demo world: names, places, pages, user agents, scanners.

Nothing here is random; the stages sample from these lists with seeded generators. Every
string is JSON-safe (no quotes, backslashes or control characters) so writers can embed
them without escaping.
"""

from __future__ import annotations

from dataclasses import dataclass

SITE = "https://www.example-saas.com"
APP = "https://app.example-saas.com"

# ---------------------------------------------------------------- companies and people
COMPANY_PREFIXES = (
    "Acme", "Apex", "Arbor", "Atlas", "Aurora", "Beacon", "Birch", "Blue", "Bright", "Cedar",
    "Cobalt", "Copper", "Crest", "Delta", "Ember", "Evergreen", "Falcon", "Fern", "Granite",
    "Harbor", "Helix", "Horizon", "Indigo", "Iron", "Juniper", "Keystone", "Lumen", "Maple",
    "Meridian", "Nimbus", "North", "Nova", "Oak", "Onyx", "Orbit", "Pine", "Pioneer", "Prism",
    "Quartz", "Radiant", "Redwood", "Ridge", "River", "Sable", "Sage", "Silver", "Sky", "Solar",
    "Sparrow", "Spruce", "Stone", "Summit", "Tidal", "Timber", "Trident", "True", "Vector",
    "Velvet", "Vertex", "Willow", "Zenith",
)  # fmt: skip
COMPANY_SUFFIXES = (
    "Analytics", "Bank", "Bio", "Cloud", "Dynamics", "Energy", "Foods", "Freight", "Health",
    "Industries", "Insurance", "Labs", "Logistics", "Media", "Networks", "Partners", "Pay",
    "Retail", "Robotics", "Security", "Software", "Systems", "Technologies", "Travel", "Works",
)  # fmt: skip
INDUSTRIES = (
    "Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Logistics",
    "Media", "Education", "Energy", "Telecommunications", "Professional Services", "Insurance",
)  # fmt: skip

# country code, weight, UTC offset (hours, standard time), GA4 continent/sub-continent,
# top-level domain, cities (name, region)
COUNTRIES: tuple[tuple[str, float, int, str, str, str, tuple[tuple[str, str], ...]], ...] = (
    ("US", 0.45, -6, "Americas", "Northern America", "com",
     (("New York", "New York"), ("San Francisco", "California"), ("Chicago", "Illinois"),
      ("Austin", "Texas"), ("Boston", "Massachusetts"), ("Seattle", "Washington"))),
    ("GB", 0.12, 0, "Europe", "Northern Europe", "co.uk",
     (("London", "England"), ("Manchester", "England"), ("Edinburgh", "Scotland"))),
    ("DE", 0.10, 1, "Europe", "Western Europe", "de",
     (("Berlin", "Berlin"), ("Munich", "Bavaria"), ("Hamburg", "Hamburg"))),
    ("FR", 0.06, 1, "Europe", "Western Europe", "fr",
     (("Paris", "Ile-de-France"), ("Lyon", "Auvergne-Rhone-Alpes"))),
    ("NL", 0.05, 1, "Europe", "Western Europe", "nl",
     (("Amsterdam", "North Holland"), ("Rotterdam", "South Holland"))),
    ("CA", 0.06, -5, "Americas", "Northern America", "ca",
     (("Toronto", "Ontario"), ("Vancouver", "British Columbia"))),
    ("AU", 0.04, 10, "Oceania", "Australasia", "com.au",
     (("Sydney", "New South Wales"), ("Melbourne", "Victoria"))),
    ("SE", 0.03, 1, "Europe", "Northern Europe", "se", (("Stockholm", "Stockholm"),)),
    ("ES", 0.03, 1, "Europe", "Southern Europe", "es",
     (("Madrid", "Madrid"), ("Barcelona", "Catalonia"))),
    ("IN", 0.03, 5, "Asia", "Southern Asia", "in",
     (("Bengaluru", "Karnataka"), ("Mumbai", "Maharashtra"))),
    ("BR", 0.03, -3, "Americas", "South America", "com.br", (("Sao Paulo", "Sao Paulo"),)),
)  # fmt: skip

FIRST_NAMES = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Chris", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley",
    "Paul", "Emily", "Steven", "Donna", "Andrew", "Michelle", "Joshua", "Carol", "Kevin", "Amanda",
    "Brian", "Melissa", "George", "Deborah", "Oliver", "Sophie", "Lukas", "Anna", "Hugo", "Lea",
    "Sven", "Ingrid", "Pablo", "Lucia", "Arjun", "Priya", "Rafael", "Camila", "Noah", "Emma",
    "Liam", "Olivia", "Mateo", "Mia", "Felix", "Clara", "Jan", "Eva", "Tom", "Nina",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
    "Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Dubois", "Laurent", "Bernard",
    "Jansen", "DeVries", "Bakker", "Andersson", "Johansson", "Fernandez", "Gonzalez", "Patel",
    "Sharma", "Singh", "Silva", "Santos", "Oliveira", "Nguyen", "Chen", "Wang", "Kim", "Murphy",
    "OBrien", "Kelly", "Campbell", "Stewart", "Evans", "Hughes",
)  # fmt: skip

# seniority: (weight, title patterns; {f} is the function)
SENIORITIES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("c_level", 0.05, ("Chief {f} Officer", "Co-Founder and CEO", "Chief Executive Officer")),
    ("vp", 0.10, ("VP of {f}", "Vice President, {f}", "SVP {f}")),
    ("director", 0.20, ("Director of {f}", "Head of {f}", "Senior Director, {f}")),
    ("manager", 0.30, ("{f} Manager", "Senior {f} Manager", "{f} Team Lead")),
    ("individual", 0.35, ("{f} Specialist", "{f} Analyst", "Senior {f} Associate", "{f} Engineer")),
)  # fmt: skip
FUNCTIONS = (
    "Marketing", "Sales", "Revenue Operations", "Data", "Engineering", "Operations", "Finance",
    "IT", "Product", "Growth", "Demand Generation", "Customer Success",
)  # fmt: skip


# first octets of public unicast ranges (not the Google, Apple or Azure blocks used elsewhere)
PUBLIC_FIRST_OCTETS = (
    23, 24, 31, 37, 45, 50, 62, 63, 71, 73, 76, 77, 78, 80, 81, 82, 84, 85, 86, 87, 88, 89, 90,
    91, 92, 93, 94, 95, 96, 97, 98, 99, 108, 109, 151, 176, 178, 185, 188, 193, 194, 195, 212,
    213, 217,
)  # fmt: skip


# ------------------------------------------------------------------- user agents
@dataclass(frozen=True)
class Browser:
    """A device and browser with its user agent and the GA4 device fields."""

    ua: str
    category: str  # desktop | mobile | tablet
    brand: str
    model: str
    os: str
    os_version: str
    browser: str
    browser_version: str


BROWSERS: tuple[Browser, ...] = (
    Browser(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36",
        "desktop", "Google", "Chrome", "Windows", "Windows 10", "Chrome", "131.0.0.0",
    ),
    Browser(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36",
        "desktop", "Apple", "Chrome", "Macintosh", "Macintosh Intel 10.15", "Chrome", "131.0.0.0",
    ),
    Browser(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/18.1 Safari/605.1.15",
        "desktop", "Apple", "Safari", "Macintosh", "Macintosh Intel 10.15", "Safari", "18.1",
    ),
    Browser(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
        "desktop", "Microsoft", "Edge", "Windows", "Windows 10", "Edge", "131.0.2903.70",
    ),
    Browser(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "desktop", "Mozilla", "Firefox", "Windows", "Windows 10", "Firefox", "133.0",
    ),
    Browser(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "mobile", "Apple", "iPhone", "iOS", "iOS 18.1", "Safari", "18.1",
    ),
    Browser(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.6778.81 Mobile Safari/537.36",
        "mobile", "Google", "Pixel 8", "Android", "Android 14", "Chrome", "131.0.6778.81",
    ),
    Browser(
        "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.6778.81 Mobile Safari/537.36",
        "mobile", "Samsung", "SM-S921B", "Android", "Android 14", "Chrome", "131.0.6778.81",
    ),
    Browser(
        "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/18.1 Mobile/15E148 Safari/604.1",
        "tablet", "Apple", "iPad", "iOS", "iOS 18.1", "Safari", "18.1",
    ),
    # crawlers (indices >= FIRST_CRAWLER)
    Browser(
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; "
        "+http://www.google.com/bot.html) Chrome/131.0.6778.69 Safari/537.36",
        "desktop", "Google", "(not set)", "Linux", "(not set)", "Chrome", "131.0.6778.69",
    ),
    Browser(
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "desktop", "(not set)", "(not set)", "Linux", "(not set)", "(not set)", "(not set)",
    ),
    Browser(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/131.0.6778.33 Safari/537.36",
        "desktop", "Google", "Chrome", "Linux", "Linux x86_64", "Chrome", "131.0.6778.33",
    ),
)  # fmt: skip
DESKTOP_BROWSERS = (0, 1, 2, 3, 4)
DESKTOP_WEIGHTS = (0.38, 0.22, 0.14, 0.18, 0.08)
MOBILE_BROWSERS = (5, 6, 7, 8)
MOBILE_WEIGHTS = (0.50, 0.20, 0.20, 0.10)
FIRST_CRAWLER = 9
CRAWLERS = (9, 10, 11)

# mail clients for opens
MAIL_UA_APPLE_PROXY = "Mozilla/5.0"
MAIL_UA_APPLE_MAIL = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
)
MAIL_UA_GMAIL_PROXY = (
    "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"
)
MAIL_UA_OUTLOOK = (
    "Mozilla/4.0 (compatible; ms-office; MSOffice 16) Microsoft Outlook 16.0.17928; Pro"
)
MAIL_PROVIDERS = ("google", "microsoft", "other")
MAIL_PROVIDER_WEIGHTS = (0.35, 0.55, 0.10)


# ------------------------------------------------------------------------ scanners
@dataclass(frozen=True)
class Scanner:
    """A link-scanning mail gateway and how it clicks."""

    name: str
    weight: float
    mode: str  # all_fast | first_only | all_slow
    user_agents: tuple[str, ...]
    ip_prefixes: tuple[tuple[int, int], ...]  # first two octets


SCANNERS: tuple[Scanner, ...] = (
    Scanner(
        "microsoft_safelinks", 0.40, "all_fast",
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/131.0.0.0 Safari/537.36",
         "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0"),
        ((40, 94), (52, 165), (104, 47)),
    ),
    Scanner(
        "proofpoint", 0.20, "all_fast",
        ("Mozilla/5.0 (compatible; ProofpointURLDefense/1.0)",
         "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko"),
        ((148, 163), (67, 231)),
    ),
    Scanner(
        "mimecast", 0.15, "all_fast",
        ("python-requests/2.31.0", "Mimecast-URL-Protect/2.1"),
        ((205, 139), (207, 211)),
    ),
    Scanner(
        "barracuda", 0.15, "first_only",
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "HeadlessChrome/120.0.6099.71 Safari/537.36 Barracuda",),
        ((209, 222), (64, 235)),
    ),
    Scanner(
        "cisco_sandbox", 0.10, "all_slow",
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/119.0.0.0 Safari/537.36",),
        ((68, 232), (173, 37)),
    ),
)  # fmt: skip
SCANNER_SHARE = 0.20  # of companies


# --------------------------------------------------------------------------- pages
@dataclass(frozen=True)
class Page:
    """A page of www.example-saas.com."""

    path: str
    title: str
    category: str


def _pages() -> tuple[Page, ...]:
    pages = [
        Page("/", "Example SaaS | B2B marketing attribution", "home"),
        Page("/pricing", "Pricing | Example SaaS", "pricing"),
        Page("/demo", "Book a demo | Example SaaS", "demo"),
        Page("/contact-sales", "Contact sales | Example SaaS", "contact_sales"),
        Page("/about", "About us | Example SaaS", "about"),
        Page("/customers", "Customer stories | Example SaaS", "about"),
        Page("/security", "Security and compliance | Example SaaS", "about"),
        Page("/search", "Search results | Example SaaS", "search"),
    ]
    for slug, title in (
        ("attribution", "Multi-touch attribution"),
        ("lead-scoring", "Lead scoring"),
        ("journeys", "Customer journeys"),
        ("integrations", "Integrations"),
        ("identity", "Identity resolution"),
        ("reporting", "Revenue reporting"),
    ):
        pages.append(Page(f"/product/{slug}", f"{title} | Example SaaS", "product"))
    for title in (
        "Why last-click attribution lies to you",
        "The B2B buyer journey in 2026",
        "How email scanners inflate your click rates",
        "Building a lead score that sales trusts",
        "UTM conventions that survive a reorg",
        "First-party data after third-party cookies",
        "Account-based marketing on a budget",
        "What Apple Mail Privacy Protection did to open rates",
        "Measuring webinars beyond registrations",
        "A practical guide to marketing mix models",
        "From MQL to pipeline: a field guide",
        "How we cut our CAC payback by half",
        "Sessionisation explained",
        "Clean CRM data in five steps",
        "The case for time-decay attribution",
        "Intent data: signal or noise",
    ):
        slug = title.lower().replace(":", "").replace(",", "").replace(" ", "-")
        pages.append(Page(f"/blog/{slug}", f"{title} | Example SaaS blog", "blog"))
    for title in (
        "Attribution masterclass",
        "Scoring leads with product data",
        "Q1 product launch live",
        "Ask me anything: RevOps",
        "Email deliverability in 2026",
    ):
        slug = title.lower().replace(":", "").replace(" ", "-")
        pages.append(Page(f"/webinars/{slug}", f"Webinar: {title} | Example SaaS", "webinar"))
    for title in (
        "The attribution playbook",
        "B2B benchmark report 2026",
        "Lead scoring template",
        "Data stack buyers guide",
        "ROI calculator",
        "State of demand generation",
    ):
        slug = title.lower().replace(" ", "-")
        pages.append(Page(f"/resources/{slug}", f"{title} | Example SaaS", "resources"))
    for slug in ("getting-started", "api", "tracking-plan", "sso", "data-model", "webhooks"):
        title = slug.replace("-", " ").capitalize()
        pages.append(Page(f"/docs/{slug}", f"Docs: {title} | Example SaaS", "docs"))
    pages.append(Page("/careers", "Careers | Example SaaS", "careers"))
    for slug in (
        "senior-data-engineer",
        "account-executive",
        "product-designer",
        "customer-success-manager",
    ):
        title = slug.replace("-", " ").title()
        pages.append(Page(f"/careers/{slug}", f"{title} | Careers at Example SaaS", "careers"))
    return tuple(pages)


PAGES: tuple[Page, ...] = _pages()
PAGE_CATEGORIES = (
    "home", "pricing", "demo", "contact_sales", "about", "search", "product", "blog",
    "webinar", "resources", "docs", "careers",
)  # fmt: skip

# page-category weights for the pages after the landing page, by visitor profile
PROFILE_WEIGHTS: dict[str, dict[str, float]] = {
    "normal": {
        "home": 0.12, "pricing": 0.08, "demo": 0.01, "contact_sales": 0.005, "about": 0.06,
        "search": 0.03, "product": 0.17, "blog": 0.27, "webinar": 0.07, "resources": 0.08,
        "docs": 0.08, "careers": 0.005,
    },
    "intent": {
        "home": 0.06, "pricing": 0.22, "demo": 0.08, "contact_sales": 0.03, "about": 0.05,
        "search": 0.03, "product": 0.20, "blog": 0.08, "webinar": 0.05, "resources": 0.06,
        "docs": 0.14, "careers": 0.0,
    },
    "careers": {"careers": 0.85, "about": 0.10, "home": 0.05},
    "crawler": {
        "home": 0.05, "pricing": 0.05, "about": 0.05, "product": 0.2, "blog": 0.4,
        "webinar": 0.05, "resources": 0.1, "docs": 0.1,
    },
}  # fmt: skip

CTA_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "home": ("hero_start_trial", "nav_book_demo", "hero_watch_video"),
    "pricing": ("pricing_start_trial", "pricing_talk_to_sales", "pricing_book_demo"),
    "product": ("product_book_demo", "product_start_trial"),
    "blog": ("blog_subscribe", "blog_sidebar_demo"),
    "docs": ("docs_signup",),
    "webinar": ("webinar_register",),
    "resources": ("resource_get_copy",),
    "about": ("about_careers",),
    "careers": ("careers_apply",),
}
CTA_RATE: dict[str, float] = {
    "home": 0.2, "pricing": 0.3, "product": 0.2, "blog": 0.05, "docs": 0.05, "webinar": 0.25,
    "resources": 0.2, "about": 0.05, "careers": 0.3,
}  # fmt: skip

SEARCH_TERMS = (
    "attribution", "pricing", "salesforce integration", "lead scoring", "gdpr", "sso",
    "api rate limits", "hubspot", "utm", "webinar recording",
)  # fmt: skip

OUTBOUND_LINKS = (
    ("https://github.com/example-saas/sdk", "github.com"),
    ("https://www.linkedin.com/company/example-saas", "www.linkedin.com"),
    ("https://status.example-saas.io/", "status.example-saas.io"),
)

# form types and the page category that hosts them
FORM_TYPES = ("demo_request", "content_download", "contact_sales", "newsletter")
FORM_IDS = ("form-demo", "form-gated-content", "form-contact-sales", "form-newsletter")
FORM_NAMES = ("Book a demo", "Get the resource", "Talk to sales", "Newsletter signup")

# referrers by channel
SEARCH_REFERRERS = ("https://www.google.com/", "https://www.bing.com/")
SOCIAL_REFERRERS = ("https://www.linkedin.com/", "https://t.co/", "https://www.reddit.com/")
REFERRAL_REFERRERS = (
    "https://www.g2.com/products/example-saas/reviews",
    "https://www.capterra.com/p/123456/example-saas/",
    "https://news.ycombinator.com/",
    "https://martech.example-partner.com/blog/attribution-tools",
)
CAREERS_REFERRERS = ("https://www.linkedin.com/", "https://www.google.com/")

# ----------------------------------------------------------------------- campaigns
CAMPAIGN_THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("newsletter", "Monthly newsletter",
     ("blog", "blog", "blog", "webinar", "pricing", "resources")),
    ("product-update", "Product update", ("product", "product", "docs", "pricing", "demo", "blog")),
    ("webinar-invite", "Webinar invitation", ("webinar", "webinar", "demo", "blog", "resources")),
    ("content-offer", "New report", ("resources", "resources", "blog", "pricing", "demo")),
    ("customer-story", "Customer story", ("blog", "product", "pricing", "demo", "resources")),
)  # fmt: skip
LIST_NAMES = ("All subscribers", "Product users", "Enterprise accounts", "EMEA", "Engaged 90d")

# ------------------------------------------------------------------------ product
APP_PAGES = (
    "/login", "/home", "/reports", "/reports/attribution", "/journeys", "/settings",
    "/integrations", "/scores", "/dashboards/revenue",
)  # fmt: skip
APP_ANON_PAGES = ("/login", "/signup", "/forgot-password")
FEATURE_EVENTS = (
    "Report Viewed", "Report Created", "Dashboard Viewed", "Integration Connected",
    "Export Downloaded", "Segment Created", "Invite Sent", "Score Model Updated",
)  # fmt: skip

COUNTRY_NAMES = {
    "US": "United States", "GB": "United Kingdom", "DE": "Germany", "FR": "France",
    "NL": "Netherlands", "CA": "Canada", "AU": "Australia", "SE": "Sweden", "ES": "Spain",
    "IN": "India", "BR": "Brazil",
}  # fmt: skip
LANGUAGES = {
    "US": "en-us", "GB": "en-gb", "DE": "de-de", "FR": "fr-fr", "NL": "nl-nl", "CA": "en-ca",
    "AU": "en-au", "SE": "sv-se", "ES": "es-es", "IN": "en-in", "BR": "pt-br",
}  # fmt: skip
