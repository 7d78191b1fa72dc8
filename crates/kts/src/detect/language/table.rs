//! The languages KTS accepts for captions: an English name and an ISO 639 code each, in the
//! order of the table they were generated from.
//!
//! The rows are Kaltura's `KalturaLanguage` table (kaltura-api-v3.md section 12.8), because
//! the legacy contract takes and answers caption languages by those names (kts-legacy-api.md,
//! Captions): the list is what defines valid input. Generated from that section (one row per
//! constant); do not edit by hand, regenerate from the document instead. Each row: the
//! constant, the English name and the ISO 639 code (`None` where the table gives none).

use super::LanguageRow;

/// Every language, complete and in the table's order.
pub(super) const LANGUAGES: &[LanguageRow] = &[
    LanguageRow {
        constant: "ABQ",
        name: "Abaza",
        code: Some("abq"),
    },
    LanguageRow {
        constant: "AB",
        name: "Abkhazian",
        code: Some("ab"),
    },
    LanguageRow {
        constant: "ABE",
        name: "Abnaki Western",
        code: None,
    },
    LanguageRow {
        constant: "ABU",
        name: "Abure",
        code: None,
    },
    LanguageRow {
        constant: "ACN",
        name: "Achang",
        code: Some("acn"),
    },
    LanguageRow {
        constant: "ACE",
        name: "Achinese",
        code: Some("ace"),
    },
    LanguageRow {
        constant: "ACT",
        name: "Achterhooks",
        code: Some("act"),
    },
    LanguageRow {
        constant: "ACV",
        name: "Achumawi",
        code: Some("acv"),
    },
    LanguageRow {
        constant: "ADJ",
        name: "Adioukrou",
        code: Some("adj"),
    },
    LanguageRow {
        constant: "ADY",
        name: "Adyghe; Adygei",
        code: Some("ady"),
    },
    LanguageRow {
        constant: "ADT",
        name: "Adynyamathanha",
        code: Some("adt"),
    },
    LanguageRow {
        constant: "AAL",
        name: "Afade",
        code: Some("aal"),
    },
    LanguageRow {
        constant: "AA",
        name: "Afar",
        code: Some("aa"),
    },
    LanguageRow {
        constant: "AF",
        name: "Afrikaans",
        code: Some("af"),
    },
    LanguageRow {
        constant: "AGQ",
        name: "Aghem",
        code: Some("agq"),
    },
    LanguageRow {
        constant: "AGX",
        name: "Aghul",
        code: Some("agx"),
    },
    LanguageRow {
        constant: "AGU",
        name: "Aguacateco",
        code: Some("agu"),
    },
    LanguageRow {
        constant: "AGR",
        name: "Aguaruna",
        code: Some("agr"),
    },
    LanguageRow {
        constant: "AIN",
        name: "Ainu (Japan)",
        code: None,
    },
    LanguageRow {
        constant: "AKK",
        name: "Akkadian",
        code: Some("akk"),
    },
    LanguageRow {
        constant: "AKL",
        name: "Aklanon",
        code: Some("akl"),
    },
    LanguageRow {
        constant: "AKU",
        name: "Akum",
        code: Some("aku"),
    },
    LanguageRow {
        constant: "AKZ",
        name: "Alabama",
        code: Some("akz"),
    },
    LanguageRow {
        constant: "SQ",
        name: "Albanian",
        code: Some("sq"),
    },
    LanguageRow {
        constant: "ALN",
        name: "Albanian (Gheg)",
        code: None,
    },
    LanguageRow {
        constant: "ALS",
        name: "Albanian (Tosk)",
        code: None,
    },
    LanguageRow {
        constant: "ALE",
        name: "Aleut",
        code: Some("ale"),
    },
    LanguageRow {
        constant: "ALG",
        name: "Algonquian languages",
        code: Some("alg"),
    },
    LanguageRow {
        constant: "ALQ",
        name: "Algonquin",
        code: Some("alq"),
    },
    LanguageRow {
        constant: "ALT",
        name: "Altai (Southern)",
        code: None,
    },
    LanguageRow {
        constant: "AM",
        name: "Amharic",
        code: Some("am"),
    },
    LanguageRow {
        constant: "RME",
        name: "Angloromani",
        code: Some("rme"),
    },
    LanguageRow {
        constant: "APJ",
        name: "Apache (Jicarilla)",
        code: None,
    },
    LanguageRow {
        constant: "APW",
        name: "Apache (Western)",
        code: None,
    },
    LanguageRow {
        constant: "AR",
        name: "Arabic",
        code: Some("ar"),
    },
    LanguageRow {
        constant: "AR_LB",
        name: "Arabic (Lebanon)",
        code: Some("ar_lb"),
    },
    LanguageRow {
        constant: "AR_QA",
        name: "Arabic (Qatar)",
        code: Some("ar_qa"),
    },
    LanguageRow {
        constant: "AR_SA",
        name: "Arabic (Saudi Arabia)",
        code: Some("ar_sa"),
    },
    LanguageRow {
        constant: "ARB",
        name: "Arabic (standard)",
        code: None,
    },
    LanguageRow {
        constant: "B_T",
        name: "Arabic Tunisian Spoken",
        code: None,
    },
    LanguageRow {
        constant: "ARC",
        name: "Aramaic",
        code: Some("arc"),
    },
    LanguageRow {
        constant: "SAM",
        name: "Aramaic Samaritan",
        code: None,
    },
    LanguageRow {
        constant: "ARP",
        name: "Arapaho",
        code: Some("arp"),
    },
    LanguageRow {
        constant: "ARN",
        name: "Araucanian",
        code: Some("arn"),
    },
    LanguageRow {
        constant: "ARI",
        name: "Arikara",
        code: Some("ari"),
    },
    LanguageRow {
        constant: "HY",
        name: "Armenian",
        code: Some("hy"),
    },
    LanguageRow {
        constant: "RUP",
        name: "Aromanian",
        code: Some("rup"),
    },
    LanguageRow {
        constant: "AS_",
        name: "Assamese",
        code: Some("as_"),
    },
    LanguageRow {
        constant: "ASB",
        name: "Assiniboine",
        code: None,
    },
    LanguageRow {
        constant: "AII",
        name: "Assyrian Neo-Aramaic",
        code: Some("aii"),
    },
    LanguageRow {
        constant: "AST",
        name: "Asturian",
        code: Some("ast"),
    },
    LanguageRow {
        constant: "ATH",
        name: "Athapascan languages",
        code: Some("ath"),
    },
    LanguageRow {
        constant: "ATJ",
        name: "Atikamekw",
        code: Some("atj"),
    },
    LanguageRow {
        constant: "AWA",
        name: "Awadhi",
        code: Some("awa"),
    },
    LanguageRow {
        constant: "AY",
        name: "Aymara",
        code: Some("ay"),
    },
    LanguageRow {
        constant: "AZ",
        name: "Azerbaijani",
        code: Some("az"),
    },
    LanguageRow {
        constant: "BCR",
        name: "Babine",
        code: Some("bcr"),
    },
    LanguageRow {
        constant: "BFQ",
        name: "Badaga",
        code: Some("bfq"),
    },
    LanguageRow {
        constant: "BDJ",
        name: "Bai",
        code: Some("bdj"),
    },
    LanguageRow {
        constant: "BAN",
        name: "Balinese",
        code: Some("ban"),
    },
    LanguageRow {
        constant: "BCC",
        name: "Balochi Southern",
        code: None,
    },
    LanguageRow {
        constant: "BFT",
        name: "Balti",
        code: Some("bft"),
    },
    LanguageRow {
        constant: "BAL",
        name: "Baluchi",
        code: Some("bal"),
    },
    LanguageRow {
        constant: "BAS",
        name: "Basa (Cameroon)",
        code: None,
    },
    LanguageRow {
        constant: "BA",
        name: "Bashkir",
        code: Some("ba"),
    },
    LanguageRow {
        constant: "EU",
        name: "Basque",
        code: Some("eu"),
    },
    LanguageRow {
        constant: "BAR",
        name: "Bavarian",
        code: Some("bar"),
    },
    LanguageRow {
        constant: "BEA",
        name: "Beaver",
        code: Some("bea"),
    },
    LanguageRow {
        constant: "BEJ",
        name: "Beja",
        code: Some("bej"),
    },
    LanguageRow {
        constant: "BEM",
        name: "Bemba (Zambia)",
        code: None,
    },
    LanguageRow {
        constant: "BN",
        name: "Bengali (Bangla)",
        code: Some("bn"),
    },
    LanguageRow {
        constant: "BEW",
        name: "Betawi",
        code: Some("bew"),
    },
    LanguageRow {
        constant: "KAP",
        name: "Bezhta",
        code: Some("kap"),
    },
    LanguageRow {
        constant: "BHB",
        name: "Bhili",
        code: Some("bhb"),
    },
    LanguageRow {
        constant: "BHO",
        name: "Bhojpuri",
        code: Some("bho"),
    },
    LanguageRow {
        constant: "DZ",
        name: "Bhutani",
        code: Some("dz"),
    },
    LanguageRow {
        constant: "BH",
        name: "Bihari",
        code: Some("bh"),
    },
    LanguageRow {
        constant: "BIK",
        name: "Bikol",
        code: Some("bik"),
    },
    LanguageRow {
        constant: "BIN",
        name: "Bini",
        code: None,
    },
    LanguageRow {
        constant: "BPY",
        name: "Bishnupriya Manipuri",
        code: Some("bpy"),
    },
    LanguageRow {
        constant: "BI",
        name: "Bislama",
        code: Some("bi"),
    },
    LanguageRow {
        constant: "BS",
        name: "Bosnian",
        code: Some("bs"),
    },
    LanguageRow {
        constant: "BR",
        name: "Breton",
        code: Some("br"),
    },
    LanguageRow {
        constant: "BUG",
        name: "Buginese",
        code: Some("bug"),
    },
    LanguageRow {
        constant: "BG",
        name: "Bulgarian",
        code: Some("bg"),
    },
    LanguageRow {
        constant: "BUA",
        name: "Buriat",
        code: Some("bua"),
    },
    LanguageRow {
        constant: "MY",
        name: "Burmese",
        code: Some("my"),
    },
    LanguageRow {
        constant: "BE",
        name: "Byelorussian (Belarusian)",
        code: Some("be"),
    },
    LanguageRow {
        constant: "CAD",
        name: "Caddo",
        code: Some("cad"),
    },
    LanguageRow {
        constant: "KM",
        name: "Cambodian",
        code: Some("km"),
    },
    LanguageRow {
        constant: "YUE",
        name: "Cantonese",
        code: Some("yue"),
    },
    LanguageRow {
        constant: "CRX",
        name: "Carrier",
        code: Some("crx"),
    },
    LanguageRow {
        constant: "CAF",
        name: "Carrier Southern",
        code: None,
    },
    LanguageRow {
        constant: "CA",
        name: "Catalan",
        code: Some("ca"),
    },
    LanguageRow {
        constant: "CHC",
        name: "Catawba",
        code: Some("chc"),
    },
    LanguageRow {
        constant: "CAY",
        name: "Cayuga",
        code: Some("cay"),
    },
    LanguageRow {
        constant: "CEB",
        name: "Cebuano",
        code: Some("ceb"),
    },
    LanguageRow {
        constant: "CHG",
        name: "Chagatai",
        code: Some("chg"),
    },
    LanguageRow {
        constant: "CLD",
        name: "Chaldean Neo-Aramaic",
        code: Some("cld"),
    },
    LanguageRow {
        constant: "CHR",
        name: "Cherokee",
        code: Some("chr"),
    },
    LanguageRow {
        constant: "CHY",
        name: "Cheyenne",
        code: Some("chy"),
    },
    LanguageRow {
        constant: "CIC",
        name: "Chickasaw",
        code: Some("cic"),
    },
    LanguageRow {
        constant: "CLC",
        name: "Chilcotin",
        code: Some("clc"),
    },
    LanguageRow {
        constant: "ZH",
        name: "Chinese",
        code: Some("zh"),
    },
    LanguageRow {
        constant: "CHN",
        name: "Chinook jargon",
        code: Some("chn"),
    },
    LanguageRow {
        constant: "CHP",
        name: "Chipewyan",
        code: Some("chp"),
    },
    LanguageRow {
        constant: "CIW",
        name: "Chippewa",
        code: Some("ciw"),
    },
    LanguageRow {
        constant: "CHO",
        name: "Choctaw",
        code: Some("cho"),
    },
    LanguageRow {
        constant: "CAA",
        name: "Chor",
        code: None,
    },
    LanguageRow {
        constant: "CKT",
        name: "Chukot",
        code: Some("ckt"),
    },
    LanguageRow {
        constant: "CIM",
        name: "Cimbrian",
        code: Some("cim"),
    },
    LanguageRow {
        constant: "CLM",
        name: "Clallam Klallam",
        code: None,
    },
    LanguageRow {
        constant: "COJ",
        name: "Cochimi",
        code: Some("coj"),
    },
    LanguageRow {
        constant: "COC",
        name: "Cocopa",
        code: Some("coc"),
    },
    LanguageRow {
        constant: "KSH",
        name: "Colognian",
        code: Some("ksh"),
    },
    LanguageRow {
        constant: "COM",
        name: "Comanche",
        code: Some("com"),
    },
    LanguageRow {
        constant: "SWB",
        name: "Comorian",
        code: Some("swb"),
    },
    LanguageRow {
        constant: "COO",
        name: "Comox",
        code: Some("coo"),
    },
    LanguageRow {
        constant: "COP",
        name: "Coptic",
        code: Some("cop"),
    },
    LanguageRow {
        constant: "CO",
        name: "Corsican",
        code: Some("co"),
    },
    LanguageRow {
        constant: "CR",
        name: "Cree",
        code: Some("cr"),
    },
    LanguageRow {
        constant: "MUS",
        name: "Creek",
        code: Some("mus"),
    },
    LanguageRow {
        constant: "CRH",
        name: "Crimean Tatar",
        code: Some("crh"),
    },
    LanguageRow {
        constant: "HR",
        name: "Croatian",
        code: Some("hr"),
    },
    LanguageRow {
        constant: "CUP",
        name: "Cupeo",
        code: None,
    },
    LanguageRow {
        constant: "CS",
        name: "Czech",
        code: Some("cs"),
    },
    LanguageRow {
        constant: "DAK",
        name: "Dakota",
        code: Some("dak"),
    },
    LanguageRow {
        constant: "DA",
        name: "Danish",
        code: Some("da"),
    },
    LanguageRow {
        constant: "DAR",
        name: "Dargwa",
        code: Some("dar"),
    },
    LanguageRow {
        constant: "PRD",
        name: "Dari (Persian)",
        code: None,
    },
    LanguageRow {
        constant: "GBZ",
        name: "Dari Zoroastrian",
        code: None,
    },
    LanguageRow {
        constant: "DHV",
        name: "Dehu",
        code: Some("dhv"),
    },
    LanguageRow {
        constant: "DEL",
        name: "Delaware",
        code: Some("del"),
    },
    LanguageRow {
        constant: "DIN",
        name: "Dinka",
        code: Some("din"),
    },
    LanguageRow {
        constant: "DOI",
        name: "Dogri (generic)",
        code: None,
    },
    LanguageRow {
        constant: "DGR",
        name: "Dogrib",
        code: None,
    },
    LanguageRow {
        constant: "DLG",
        name: "Dolgan",
        code: Some("dlg"),
    },
    LanguageRow {
        constant: "DOH",
        name: "Dong",
        code: Some("doh"),
    },
    LanguageRow {
        constant: "DUA",
        name: "Duala",
        code: Some("dua"),
    },
    LanguageRow {
        constant: "DNG",
        name: "Dungan",
        code: Some("dng"),
    },
    LanguageRow {
        constant: "NL",
        name: "Dutch",
        code: Some("nl"),
    },
    LanguageRow {
        constant: "DYU",
        name: "Dyula",
        code: Some("dyu"),
    },
    LanguageRow {
        constant: "EEE",
        name: "E",
        code: Some("eee"),
    },
    LanguageRow {
        constant: "EGL",
        name: "Emilian",
        code: Some("egl"),
    },
    LanguageRow {
        constant: "EN",
        name: "English",
        code: Some("en"),
    },
    LanguageRow {
        constant: "EN_US",
        name: "English (American)",
        code: Some("en_us"),
    },
    LanguageRow {
        constant: "EN_AU",
        name: "English (Australian)",
        code: None,
    },
    LanguageRow {
        constant: "EN_GB",
        name: "English (British)",
        code: Some("en_gb"),
    },
    LanguageRow {
        constant: "ENM",
        name: "English Middle (1100-1500)",
        code: None,
    },
    LanguageRow {
        constant: "MYV",
        name: "Erzya",
        code: Some("myv"),
    },
    LanguageRow {
        constant: "EO",
        name: "Esperanto",
        code: Some("eo"),
    },
    LanguageRow {
        constant: "ET",
        name: "Estonian",
        code: Some("et"),
    },
    LanguageRow {
        constant: "EVE",
        name: "Even",
        code: Some("eve"),
    },
    LanguageRow {
        constant: "EVN",
        name: "Evenki",
        code: Some("evn"),
    },
    LanguageRow {
        constant: "FO",
        name: "Faeroese",
        code: Some("fo"),
    },
    LanguageRow {
        constant: "FAX",
        name: "Fala",
        code: Some("fax"),
    },
    LanguageRow {
        constant: "FAN",
        name: "Fang (Equatorial Guinea)",
        code: None,
    },
    LanguageRow {
        constant: "FA",
        name: "Farsi",
        code: Some("fa"),
    },
    LanguageRow {
        constant: "FJ",
        name: "Fiji",
        code: Some("fj"),
    },
    LanguageRow {
        constant: "FIL",
        name: "Filipino",
        code: Some("fil"),
    },
    LanguageRow {
        constant: "FI",
        name: "Finnish",
        code: Some("fi"),
    },
    LanguageRow {
        constant: "FIT",
        name: "Finnish (Tornedalen)",
        code: None,
    },
    LanguageRow {
        constant: "FON",
        name: "Fon",
        code: Some("fon"),
    },
    LanguageRow {
        constant: "FRP",
        name: "Franco-Prove",
        code: None,
    },
    LanguageRow {
        constant: "FRK",
        name: "Frankish",
        code: Some("frk"),
    },
    LanguageRow {
        constant: "FR",
        name: "French",
        code: Some("fr"),
    },
    LanguageRow {
        constant: "FR_CA",
        name: "French (Canada)",
        code: Some("fr_ca"),
    },
    LanguageRow {
        constant: "FY",
        name: "Frisian",
        code: Some("fy"),
    },
    LanguageRow {
        constant: "FRR",
        name: "Frisian Northern",
        code: None,
    },
    LanguageRow {
        constant: "FUR",
        name: "Friulian",
        code: Some("fur"),
    },
    LanguageRow {
        constant: "FVR",
        name: "Fur",
        code: Some("fvr"),
    },
    LanguageRow {
        constant: "GAA",
        name: "Ga",
        code: Some("gaa"),
    },
    LanguageRow {
        constant: "GV",
        name: "Gaelic (Manx)",
        code: Some("gv"),
    },
    LanguageRow {
        constant: "GD",
        name: "Gaelic (Scottish)",
        code: Some("gd"),
    },
    LanguageRow {
        constant: "GAG",
        name: "Gagauz",
        code: Some("gag"),
    },
    LanguageRow {
        constant: "GL",
        name: "Galician",
        code: Some("gl"),
    },
    LanguageRow {
        constant: "GAN",
        name: "Gan",
        code: Some("gan"),
    },
    LanguageRow {
        constant: "GEZ",
        name: "Geez",
        code: Some("gez"),
    },
    LanguageRow {
        constant: "KA",
        name: "Georgian",
        code: Some("ka"),
    },
    LanguageRow {
        constant: "DE",
        name: "German",
        code: Some("de"),
    },
    LanguageRow {
        constant: "GEH",
        name: "German Hutterite",
        code: None,
    },
    LanguageRow {
        constant: "PDC",
        name: "German Pennsylvania",
        code: None,
    },
    LanguageRow {
        constant: "GIL",
        name: "Gilbertese",
        code: Some("gil"),
    },
    LanguageRow {
        constant: "NIV",
        name: "Gilyak Nivkh",
        code: None,
    },
    LanguageRow {
        constant: "GIT",
        name: "Gitxsan",
        code: Some("git"),
    },
    LanguageRow {
        constant: "EL",
        name: "Greek",
        code: Some("el"),
    },
    LanguageRow {
        constant: "GRC",
        name: "Greek Ancient (to 1453)",
        code: None,
    },
    LanguageRow {
        constant: "KL",
        name: "Greenlandic",
        code: Some("kl"),
    },
    LanguageRow {
        constant: "GN",
        name: "Guarani",
        code: Some("gn"),
    },
    LanguageRow {
        constant: "GU",
        name: "Gujarati",
        code: Some("gu"),
    },
    LanguageRow {
        constant: "GWI",
        name: "Gwichin",
        code: None,
    },
    LanguageRow {
        constant: "HAI",
        name: "Haida",
        code: None,
    },
    LanguageRow {
        constant: "HNN",
        name: "Hainanese",
        code: Some("hnn"),
    },
    LanguageRow {
        constant: "HAS",
        name: "Haisla",
        code: None,
    },
    LanguageRow {
        constant: "HAK",
        name: "Hakka",
        code: Some("hak"),
    },
    LanguageRow {
        constant: "HUR",
        name: "Halkomelem",
        code: Some("hur"),
    },
    LanguageRow {
        constant: "HAA",
        name: "Han",
        code: Some("haa"),
    },
    LanguageRow {
        constant: "HNI",
        name: "Hani",
        code: Some("hni"),
    },
    LanguageRow {
        constant: "HA",
        name: "Hausa",
        code: Some("ha"),
    },
    LanguageRow {
        constant: "HAW",
        name: "Hawaiian",
        code: Some("haw"),
    },
    LanguageRow {
        constant: "HE",
        name: "Hebrew",
        code: Some("he"),
    },
    LanguageRow {
        constant: "IW",
        name: "Hebrew",
        code: Some("he"),
    },
    LanguageRow {
        constant: "HEI",
        name: "Heiltsuk",
        code: Some("hei"),
    },
    LanguageRow {
        constant: "HID",
        name: "Hidatsa",
        code: Some("hid"),
    },
    LanguageRow {
        constant: "HIL",
        name: "Hiligaynon",
        code: Some("hil"),
    },
    LanguageRow {
        constant: "HI",
        name: "Hindi",
        code: Some("hi"),
    },
    LanguageRow {
        constant: "HMN",
        name: "Hmong",
        code: Some("hmn"),
    },
    LanguageRow {
        constant: "HKK",
        name: "Hokkien",
        code: Some("hkk"),
    },
    LanguageRow {
        constant: "HOP",
        name: "Hopi",
        code: Some("hop"),
    },
    LanguageRow {
        constant: "CZH",
        name: "Huizhou Chinese",
        code: Some("czh"),
    },
    LanguageRow {
        constant: "HU",
        name: "Hungarian",
        code: Some("hu"),
    },
    LanguageRow {
        constant: "IS",
        name: "Icelandic",
        code: Some("is"),
    },
    LanguageRow {
        constant: "KPO",
        name: "Ikposo",
        code: Some("kpo"),
    },
    LanguageRow {
        constant: "ILO",
        name: "Iloko",
        code: Some("ilo"),
    },
    LanguageRow {
        constant: "SMN",
        name: "Inari Sami",
        code: Some("smn"),
    },
    LanguageRow {
        constant: "ID",
        name: "Indonesian",
        code: Some("id"),
    },
    LanguageRow {
        constant: "IN",
        name: "Indonesian",
        code: Some("id"),
    },
    LanguageRow {
        constant: "IZH",
        name: "Ingrian",
        code: Some("izh"),
    },
    LanguageRow {
        constant: "INH",
        name: "Ingush",
        code: Some("inh"),
    },
    LanguageRow {
        constant: "IA",
        name: "Interlingua",
        code: Some("ia"),
    },
    LanguageRow {
        constant: "IE",
        name: "Interlingue",
        code: Some("ie"),
    },
    LanguageRow {
        constant: "IKT",
        name: "Inuinnaqtun",
        code: Some("ikt"),
    },
    LanguageRow {
        constant: "IU",
        name: "Inuktitut",
        code: Some("iu"),
    },
    LanguageRow {
        constant: "IK",
        name: "Inupiak",
        code: Some("ik"),
    },
    LanguageRow {
        constant: "GA",
        name: "Irish",
        code: Some("ga"),
    },
    LanguageRow {
        constant: "IRO",
        name: "Iroquoian languages",
        code: Some("iro"),
    },
    LanguageRow {
        constant: "IT",
        name: "Italian",
        code: Some("it"),
    },
    LanguageRow {
        constant: "ITL",
        name: "Itelmen",
        code: Some("itl"),
    },
    LanguageRow {
        constant: "JA",
        name: "Japanese",
        code: Some("ja"),
    },
    LanguageRow {
        constant: "JV",
        name: "Javanese",
        code: Some("jv"),
    },
    LanguageRow {
        constant: "CJY",
        name: "Jinyu Chinese",
        code: Some("cjy"),
    },
    LanguageRow {
        constant: "KAJ",
        name: "Jju",
        code: Some("kaj"),
    },
    LanguageRow {
        constant: "JCT",
        name: "Judeo-Crimean Tatar",
        code: Some("jct"),
    },
    LanguageRow {
        constant: "JGE",
        name: "Judeo-Georgian",
        code: Some("jge"),
    },
    LanguageRow {
        constant: "JUT",
        name: "Jutish",
        code: Some("jut"),
    },
    LanguageRow {
        constant: "KBD",
        name: "Kabardian",
        code: Some("kbd"),
    },
    LanguageRow {
        constant: "KEA",
        name: "Kabuverdianu",
        code: Some("kea"),
    },
    LanguageRow {
        constant: "KAB",
        name: "Kabyle",
        code: Some("kab"),
    },
    LanguageRow {
        constant: "KFR",
        name: "Kachchi",
        code: Some("kfr"),
    },
    LanguageRow {
        constant: "KJV",
        name: "Kaikavian literary language (Kajkavian)",
        code: None,
    },
    LanguageRow {
        constant: "XAL",
        name: "Kalmyk Oirat",
        code: None,
    },
    LanguageRow {
        constant: "KN",
        name: "Kannada",
        code: Some("kn"),
    },
    LanguageRow {
        constant: "KSK",
        name: "Kansa",
        code: Some("ksk"),
    },
    LanguageRow {
        constant: "KRC",
        name: "Karachay-Balkar",
        code: Some("krc"),
    },
    LanguageRow {
        constant: "KIM",
        name: "Karagas",
        code: Some("kim"),
    },
    LanguageRow {
        constant: "KDR",
        name: "Karaim",
        code: Some("kdr"),
    },
    LanguageRow {
        constant: "KAA",
        name: "Karakalpak",
        code: Some("kaa"),
    },
    LanguageRow {
        constant: "KRL",
        name: "Karelian",
        code: Some("krl"),
    },
    LanguageRow {
        constant: "KS",
        name: "Kashmiri",
        code: Some("ks"),
    },
    LanguageRow {
        constant: "CSB",
        name: "Kashubian",
        code: None,
    },
    LanguageRow {
        constant: "KKZ",
        name: "Kaska",
        code: Some("kkz"),
    },
    LanguageRow {
        constant: "KAW",
        name: "Kawi",
        code: None,
    },
    LanguageRow {
        constant: "KK",
        name: "Kazakh",
        code: Some("kk"),
    },
    LanguageRow {
        constant: "KJH",
        name: "Khakas",
        code: Some("kjh"),
    },
    LanguageRow {
        constant: "KLJ",
        name: "Khalaj Turkic",
        code: None,
    },
    LanguageRow {
        constant: "KCA",
        name: "Khanty",
        code: Some("kca"),
    },
    LanguageRow {
        constant: "KHA",
        name: "Khasi",
        code: Some("kha"),
    },
    LanguageRow {
        constant: "KXM",
        name: "Khmer Northern",
        code: None,
    },
    LanguageRow {
        constant: "KIC",
        name: "Kickapoo",
        code: Some("kic"),
    },
    LanguageRow {
        constant: "RW",
        name: "Kinyarwanda (Ruanda)",
        code: Some("rw"),
    },
    LanguageRow {
        constant: "KIO",
        name: "Kiowa",
        code: Some("kio"),
    },
    LanguageRow {
        constant: "KY",
        name: "Kirghiz",
        code: Some("ky"),
    },
    LanguageRow {
        constant: "RN",
        name: "Kirundi (Rundi)",
        code: Some("rn"),
    },
    LanguageRow {
        constant: "TLH",
        name: "Klingon tlhIngan-Hol",
        code: None,
    },
    LanguageRow {
        constant: "KFA",
        name: "Kodava",
        code: Some("kfa"),
    },
    LanguageRow {
        constant: "KOI",
        name: "Komi-Permyak",
        code: Some("koi"),
    },
    LanguageRow {
        constant: "KOK",
        name: "Konkani (generic)",
        code: None,
    },
    LanguageRow {
        constant: "KNN",
        name: "Konkani (specific)",
        code: None,
    },
    LanguageRow {
        constant: "GOM",
        name: "Konkani Goan",
        code: None,
    },
    LanguageRow {
        constant: "KO",
        name: "Korean",
        code: Some("ko"),
    },
    LanguageRow {
        constant: "KPY",
        name: "Koryak",
        code: Some("kpy"),
    },
    LanguageRow {
        constant: "KOS",
        name: "Kosraean",
        code: Some("kos"),
    },
    LanguageRow {
        constant: "AVK",
        name: "Kotava",
        code: Some("avk"),
    },
    LanguageRow {
        constant: "KPE",
        name: "Kpelle",
        code: Some("kpe"),
    },
    LanguageRow {
        constant: "DIH",
        name: "Kumiai",
        code: Some("dih"),
    },
    LanguageRow {
        constant: "KUM",
        name: "Kumyk",
        code: Some("kum"),
    },
    LanguageRow {
        constant: "KU",
        name: "Kurdish",
        code: Some("ku"),
    },
    LanguageRow {
        constant: "KUT",
        name: "Kutenai",
        code: Some("kut"),
    },
    LanguageRow {
        constant: "KWK",
        name: "Kwakiutl",
        code: Some("kwk"),
    },
    LanguageRow {
        constant: "GDM",
        name: "Laal",
        code: Some("gdm"),
    },
    LanguageRow {
        constant: "LLD",
        name: "Ladin",
        code: Some("lld"),
    },
    LanguageRow {
        constant: "LAD",
        name: "Ladino",
        code: Some("lad"),
    },
    LanguageRow {
        constant: "LAH",
        name: "Lahnda",
        code: Some("lah"),
    },
    LanguageRow {
        constant: "LHU",
        name: "Lahu",
        code: Some("lhu"),
    },
    LanguageRow {
        constant: "LBE",
        name: "Lak",
        code: Some("lbe"),
    },
    LanguageRow {
        constant: "LKI",
        name: "Laki",
        code: Some("lki"),
    },
    LanguageRow {
        constant: "LKT",
        name: "Lakota",
        code: Some("lkt"),
    },
    LanguageRow {
        constant: "LO",
        name: "Laothian",
        code: Some("lo"),
    },
    LanguageRow {
        constant: "LA",
        name: "Latin",
        code: Some("la"),
    },
    LanguageRow {
        constant: "LV",
        name: "Latvian (Lettish)",
        code: Some("lv"),
    },
    LanguageRow {
        constant: "LZZ",
        name: "Laz",
        code: Some("lzz"),
    },
    LanguageRow {
        constant: "LEZ",
        name: "Lezghian",
        code: Some("lez"),
    },
    LanguageRow {
        constant: "LIJ",
        name: "Ligurian",
        code: Some("lij"),
    },
    LanguageRow {
        constant: "LIL",
        name: "Lillooet",
        code: None,
    },
    LanguageRow {
        constant: "LIF",
        name: "Limbu",
        code: Some("lif"),
    },
    LanguageRow {
        constant: "LI",
        name: "Limburgish ( Limburger)",
        code: Some("li"),
    },
    LanguageRow {
        constant: "LN",
        name: "Lingala",
        code: Some("ln"),
    },
    LanguageRow {
        constant: "LT",
        name: "Lithuanian",
        code: Some("lt"),
    },
    LanguageRow {
        constant: "JBO",
        name: "Lojban",
        code: Some("jbo"),
    },
    LanguageRow {
        constant: "LOM",
        name: "Loma (Liberia)",
        code: None,
    },
    LanguageRow {
        constant: "LMO",
        name: "Lombard",
        code: Some("lmo"),
    },
    LanguageRow {
        constant: "NDS",
        name: "Low German Low Saxon",
        code: None,
    },
    LanguageRow {
        constant: "LOZ",
        name: "Lozi",
        code: Some("loz"),
    },
    LanguageRow {
        constant: "LUA",
        name: "Luba-Lulua",
        code: Some("lua"),
    },
    LanguageRow {
        constant: "LUQ",
        name: "Lucumi",
        code: Some("luq"),
    },
    LanguageRow {
        constant: "LUD",
        name: "Ludian",
        code: None,
    },
    LanguageRow {
        constant: "SMJ",
        name: "Lule Sami",
        code: Some("smj"),
    },
    LanguageRow {
        constant: "LUN",
        name: "Lunda",
        code: Some("lun"),
    },
    LanguageRow {
        constant: "LUO",
        name: "Luo (Kenya and Tanzania)",
        code: None,
    },
    LanguageRow {
        constant: "LUT",
        name: "Lushootseed",
        code: Some("lut"),
    },
    LanguageRow {
        constant: "LB",
        name: "Luxembourgish (Letzeburgesch)",
        code: Some("lb"),
    },
    LanguageRow {
        constant: "MK",
        name: "Macedonian",
        code: Some("mk"),
    },
    LanguageRow {
        constant: "MAD",
        name: "Madurese",
        code: Some("mad"),
    },
    LanguageRow {
        constant: "MAG",
        name: "Magahi",
        code: Some("mag"),
    },
    LanguageRow {
        constant: "MAI",
        name: "Maithili",
        code: Some("mai"),
    },
    LanguageRow {
        constant: "MG",
        name: "Malagasy",
        code: Some("mg"),
    },
    LanguageRow {
        constant: "MS",
        name: "Malay",
        code: Some("ms"),
    },
    LanguageRow {
        constant: "ML",
        name: "Malayalam",
        code: Some("ml"),
    },
    LanguageRow {
        constant: "PQM",
        name: "Malecite-Passamaquoddy",
        code: Some("pqm"),
    },
    LanguageRow {
        constant: "MT",
        name: "Maltese",
        code: Some("mt"),
    },
    LanguageRow {
        constant: "MNC",
        name: "Manchu",
        code: Some("mnc"),
    },
    LanguageRow {
        constant: "MID",
        name: "Mandaic",
        code: Some("mid"),
    },
    LanguageRow {
        constant: "MHQ",
        name: "Mandan",
        code: None,
    },
    LanguageRow {
        constant: "CMN",
        name: "Mandarin Chinese",
        code: Some("cmn"),
    },
    LanguageRow {
        constant: "MNS",
        name: "Mansi",
        code: Some("mns"),
    },
    LanguageRow {
        constant: "MI",
        name: "Maori",
        code: Some("mi"),
    },
    LanguageRow {
        constant: "MRW",
        name: "Maranao",
        code: Some("mrw"),
    },
    LanguageRow {
        constant: "MR",
        name: "Marathi",
        code: Some("mr"),
    },
    LanguageRow {
        constant: "CHM",
        name: "Mari (Russia)",
        code: None,
    },
    LanguageRow {
        constant: "MWR",
        name: "Marwari",
        code: Some("mwr"),
    },
    LanguageRow {
        constant: "MAS",
        name: "Masai",
        code: Some("mas"),
    },
    LanguageRow {
        constant: "MFY",
        name: "Mayo",
        code: Some("mfy"),
    },
    LanguageRow {
        constant: "MNI",
        name: "Meitei",
        code: Some("mni"),
    },
    LanguageRow {
        constant: "MEN",
        name: "Mende (Sierra Leone)",
        code: None,
    },
    LanguageRow {
        constant: "MEZ",
        name: "Menominee",
        code: Some("mez"),
    },
    LanguageRow {
        constant: "CRG",
        name: "Michif",
        code: Some("crg"),
    },
    LanguageRow {
        constant: "MIC",
        name: "Micmac",
        code: Some("mic"),
    },
    LanguageRow {
        constant: "MNP",
        name: "Min Bei Chinese",
        code: Some("mnp"),
    },
    LanguageRow {
        constant: "CDO",
        name: "Min Dong Chinese",
        code: Some("cdo"),
    },
    LanguageRow {
        constant: "MIN",
        name: "Minangkabau",
        code: Some("min"),
    },
    LanguageRow {
        constant: "XMF",
        name: "Mingrelian",
        code: Some("xmf"),
    },
    LanguageRow {
        constant: "MWL",
        name: "Mirandese",
        code: Some("mwl"),
    },
    LanguageRow {
        constant: "MOH",
        name: "Mohawk",
        code: Some("moh"),
    },
    LanguageRow {
        constant: "MDF",
        name: "Moksha",
        code: Some("mdf"),
    },
    LanguageRow {
        constant: "MO",
        name: "Moldavian",
        code: Some("mo"),
    },
    LanguageRow {
        constant: "MNW",
        name: "Mon",
        code: Some("mnw"),
    },
    LanguageRow {
        constant: "MN",
        name: "Mongolian",
        code: Some("mn"),
    },
    LanguageRow {
        constant: "MOE",
        name: "Montagnais",
        code: Some("moe"),
    },
    LanguageRow {
        constant: "MFE",
        name: "Morisyen",
        code: Some("mfe"),
    },
    LanguageRow {
        constant: "MOS",
        name: "Mossi",
        code: Some("mos"),
    },
    LanguageRow {
        constant: "MXI",
        name: "Mozarabic",
        code: Some("mxi"),
    },
    LanguageRow {
        constant: "MU",
        name: "Multilingual",
        code: Some("mu"),
    },
    LanguageRow {
        constant: "MTQ",
        name: "Muong",
        code: Some("mtq"),
    },
    LanguageRow {
        constant: "NAQ",
        name: "Nama (Namibia)",
        code: None,
    },
    LanguageRow {
        constant: "GLD",
        name: "Nanai",
        code: Some("gld"),
    },
    LanguageRow {
        constant: "NSK",
        name: "Naskapi",
        code: Some("nsk"),
    },
    LanguageRow {
        constant: "NA",
        name: "Nauru",
        code: Some("na"),
    },
    LanguageRow {
        constant: "NAP",
        name: "Neapolitan",
        code: Some("nap"),
    },
    LanguageRow {
        constant: "NE",
        name: "Nepali",
        code: Some("ne"),
    },
    LanguageRow {
        constant: "NEW_",
        name: "Newari Nepal Bhasa",
        code: None,
    },
    LanguageRow {
        constant: "NIO",
        name: "Nganasan",
        code: Some("nio"),
    },
    LanguageRow {
        constant: "NCG",
        name: "Nisgaa",
        code: None,
    },
    LanguageRow {
        constant: "NIU",
        name: "Niuean",
        code: Some("niu"),
    },
    LanguageRow {
        constant: "ZXX",
        name: "No linguistic content",
        code: Some("zxx"),
    },
    LanguageRow {
        constant: "NOG",
        name: "Nogai",
        code: Some("nog"),
    },
    LanguageRow {
        constant: "NON",
        name: "Norse Old",
        code: None,
    },
    LanguageRow {
        constant: "NSO",
        name: "Northern Sotho Pedi Sepedi",
        code: None,
    },
    LanguageRow {
        constant: "NO",
        name: "Norwegian",
        code: Some("no"),
    },
    LanguageRow {
        constant: "NOV",
        name: "Novial",
        code: Some("nov"),
    },
    LanguageRow {
        constant: "NYM",
        name: "Nyamwezi",
        code: Some("nym"),
    },
    LanguageRow {
        constant: "NYO",
        name: "Nyoro",
        code: Some("nyo"),
    },
    LanguageRow {
        constant: "NYS",
        name: "Nyungah",
        code: Some("nys"),
    },
    LanguageRow {
        constant: "OC",
        name: "Occitan",
        code: Some("oc"),
    },
    LanguageRow {
        constant: "OJC",
        name: "Ojibwa Central",
        code: None,
    },
    LanguageRow {
        constant: "OJG",
        name: "Ojibwa Eastern",
        code: None,
    },
    LanguageRow {
        constant: "OJB",
        name: "Ojibwa Northwestern",
        code: None,
    },
    LanguageRow {
        constant: "OJS",
        name: "Ojibwa Severn",
        code: Some("ojs"),
    },
    LanguageRow {
        constant: "OJW",
        name: "Ojibwa Western",
        code: Some("ojw"),
    },
    LanguageRow {
        constant: "OJ",
        name: "Ojibwe, Ojibwa",
        code: Some("oj"),
    },
    LanguageRow {
        constant: "OKA",
        name: "Okanagan",
        code: Some("oka"),
    },
    LanguageRow {
        constant: "RYU",
        name: "Okinawan Central",
        code: None,
    },
    LanguageRow {
        constant: "ANG",
        name: "Old English",
        code: Some("ang"),
    },
    LanguageRow {
        constant: "ONE",
        name: "Oneida",
        code: None,
    },
    LanguageRow {
        constant: "ONO",
        name: "Onondaga",
        code: Some("ono"),
    },
    LanguageRow {
        constant: "OR_",
        name: "Oriya",
        code: Some("or_"),
    },
    LanguageRow {
        constant: "OM",
        name: "Oromo (Afan, Galla)",
        code: Some("om"),
    },
    LanguageRow {
        constant: "OTW",
        name: "Ottawa",
        code: Some("otw"),
    },
    LanguageRow {
        constant: "PPI",
        name: "Paipai",
        code: Some("ppi"),
    },
    LanguageRow {
        constant: "PAU",
        name: "Palauan",
        code: Some("pau"),
    },
    LanguageRow {
        constant: "PAM",
        name: "Pampanga",
        code: Some("pam"),
    },
    LanguageRow {
        constant: "PAG",
        name: "Pangasinan",
        code: Some("pag"),
    },
    LanguageRow {
        constant: "PAP",
        name: "Papiamento",
        code: Some("pap"),
    },
    LanguageRow {
        constant: "PS",
        name: "Pashto (Pushto)",
        code: Some("ps"),
    },
    LanguageRow {
        constant: "PRP",
        name: "Persian",
        code: Some("prp"),
    },
    LanguageRow {
        constant: "PRS",
        name: "Persian (Dari)",
        code: None,
    },
    LanguageRow {
        constant: "FA_IR",
        name: "Persian (Iran)",
        code: None,
    },
    LanguageRow {
        constant: "PFL",
        name: "Pfaelzisch",
        code: Some("pfl"),
    },
    LanguageRow {
        constant: "PCD",
        name: "Picard",
        code: Some("pcd"),
    },
    LanguageRow {
        constant: "PMS",
        name: "Piedmontese",
        code: Some("pms"),
    },
    LanguageRow {
        constant: "MYP",
        name: "Pirah",
        code: None,
    },
    LanguageRow {
        constant: "PIH",
        name: "Pitcairn-Norfolk",
        code: Some("pih"),
    },
    LanguageRow {
        constant: "PDT",
        name: "Plautdietsch",
        code: Some("pdt"),
    },
    LanguageRow {
        constant: "PL",
        name: "Polish",
        code: Some("pl"),
    },
    LanguageRow {
        constant: "PNT",
        name: "Pontic",
        code: Some("pnt"),
    },
    LanguageRow {
        constant: "PT",
        name: "Portuguese",
        code: Some("pt"),
    },
    LanguageRow {
        constant: "PT_BR",
        name: "Portuguese (Brazil)",
        code: Some("pt_br"),
    },
    LanguageRow {
        constant: "POT",
        name: "Potawatomi",
        code: Some("pot"),
    },
    LanguageRow {
        constant: "PRG",
        name: "Prussian",
        code: Some("prg"),
    },
    LanguageRow {
        constant: "FUC",
        name: "Pulaar",
        code: Some("fuc"),
    },
    LanguageRow {
        constant: "PA",
        name: "Punjabi",
        code: Some("pa"),
    },
    LanguageRow {
        constant: "QXQ",
        name: "Qashqai",
        code: None,
    },
    LanguageRow {
        constant: "ALC",
        name: "Qawasqar",
        code: Some("alc"),
    },
    LanguageRow {
        constant: "QU",
        name: "Quechua",
        code: Some("qu"),
    },
    LanguageRow {
        constant: "QUC",
        name: "Quich Central",
        code: None,
    },
    LanguageRow {
        constant: "RAP",
        name: "Rapanui",
        code: Some("rap"),
    },
    LanguageRow {
        constant: "RAR",
        name: "Rarotongan",
        code: Some("rar"),
    },
    LanguageRow {
        constant: "QTZ",
        name: "Reserved for local use.",
        code: Some("qtz"),
    },
    LanguageRow {
        constant: "RM",
        name: "Rhaeto-Romance",
        code: Some("rm"),
    },
    LanguageRow {
        constant: "RGN",
        name: "Romagnol",
        code: Some("rgn"),
    },
    LanguageRow {
        constant: "RMF",
        name: "Romani Kalo Finnish",
        code: None,
    },
    LanguageRow {
        constant: "RMO",
        name: "Romani Sinte",
        code: None,
    },
    LanguageRow {
        constant: "RO",
        name: "Romanian",
        code: Some("ro"),
    },
    LanguageRow {
        constant: "RUO",
        name: "Romanian Istro",
        code: None,
    },
    LanguageRow {
        constant: "RUQ",
        name: "Romanian Megleno",
        code: None,
    },
    LanguageRow {
        constant: "ROM",
        name: "Romany",
        code: Some("rom"),
    },
    LanguageRow {
        constant: "RCF",
        name: "Runion Creole French",
        code: None,
    },
    LanguageRow {
        constant: "RU",
        name: "Russian",
        code: Some("ru"),
    },
    LanguageRow {
        constant: "RUE",
        name: "Rusyn",
        code: Some("rue"),
    },
    LanguageRow {
        constant: "ACF",
        name: "Saint Lucian Creole French",
        code: Some("acf"),
    },
    LanguageRow {
        constant: "SAH",
        name: "Sakha",
        code: Some("sah"),
    },
    LanguageRow {
        constant: "SLR",
        name: "Salar",
        code: Some("slr"),
    },
    LanguageRow {
        constant: "STR",
        name: "Salish Straits",
        code: None,
    },
    LanguageRow {
        constant: "SAL",
        name: "Salishan languages",
        code: Some("sal"),
    },
    LanguageRow {
        constant: "SJD",
        name: "Sami Kildin",
        code: None,
    },
    LanguageRow {
        constant: "SMI",
        name: "Sami languages",
        code: Some("smi"),
    },
    LanguageRow {
        constant: "SM",
        name: "Samoan",
        code: Some("sm"),
    },
    LanguageRow {
        constant: "SG",
        name: "Sangro",
        code: Some("sg"),
    },
    LanguageRow {
        constant: "SA",
        name: "Sanskrit",
        code: Some("sa"),
    },
    LanguageRow {
        constant: "SAT",
        name: "Santali",
        code: Some("sat"),
    },
    LanguageRow {
        constant: "SRM",
        name: "Saramaccan",
        code: Some("srm"),
    },
    LanguageRow {
        constant: "SDC",
        name: "Sardinian Sassarese",
        code: None,
    },
    LanguageRow {
        constant: "STQ",
        name: "Saterland Frisian",
        code: Some("stq"),
    },
    LanguageRow {
        constant: "SXU",
        name: "Saxon Upper",
        code: None,
    },
    LanguageRow {
        constant: "SCO",
        name: "Scots",
        code: Some("sco"),
    },
    LanguageRow {
        constant: "SEC",
        name: "Sechelt",
        code: Some("sec"),
    },
    LanguageRow {
        constant: "TRV",
        name: "Seediq",
        code: Some("trv"),
    },
    LanguageRow {
        constant: "SEK",
        name: "Sekani",
        code: None,
    },
    LanguageRow {
        constant: "SEL",
        name: "Selkup",
        code: Some("sel"),
    },
    LanguageRow {
        constant: "SEE",
        name: "Seneca",
        code: Some("see"),
    },
    LanguageRow {
        constant: "SR",
        name: "Serbian",
        code: Some("sr"),
    },
    LanguageRow {
        constant: "SH",
        name: "Serbo-Croatian",
        code: Some("sh"),
    },
    LanguageRow {
        constant: "SEI",
        name: "Seri",
        code: Some("sei"),
    },
    LanguageRow {
        constant: "ST",
        name: "Sesotho",
        code: Some("st"),
    },
    LanguageRow {
        constant: "TN",
        name: "Setswana",
        code: Some("tn"),
    },
    LanguageRow {
        constant: "SJW",
        name: "Shawnee",
        code: Some("sjw"),
    },
    LanguageRow {
        constant: "SN",
        name: "Shona",
        code: Some("sn"),
    },
    LanguageRow {
        constant: "CJS",
        name: "Shor",
        code: Some("cjs"),
    },
    LanguageRow {
        constant: "SHH",
        name: "Shoshoni",
        code: Some("shh"),
    },
    LanguageRow {
        constant: "SHS",
        name: "Shuswap",
        code: Some("shs"),
    },
    LanguageRow {
        constant: "SCN",
        name: "Sicilian",
        code: Some("scn"),
    },
    LanguageRow {
        constant: "SID",
        name: "Sidamo",
        code: Some("sid"),
    },
    LanguageRow {
        constant: "BLA",
        name: "Siksika",
        code: Some("bla"),
    },
    LanguageRow {
        constant: "SZL",
        name: "Silesian",
        code: Some("szl"),
    },
    LanguageRow {
        constant: "ZH_CN",
        name: "Simplified Chinese",
        code: None,
    },
    LanguageRow {
        constant: "SD",
        name: "Sindhi",
        code: Some("sd"),
    },
    LanguageRow {
        constant: "SI",
        name: "Sinhalese",
        code: Some("si"),
    },
    LanguageRow {
        constant: "SS",
        name: "Siswati",
        code: Some("ss"),
    },
    LanguageRow {
        constant: "SMS",
        name: "Skolt Sami",
        code: Some("sms"),
    },
    LanguageRow {
        constant: "SCS",
        name: "Slavey North",
        code: None,
    },
    LanguageRow {
        constant: "XSL",
        name: "Slavey South",
        code: None,
    },
    LanguageRow {
        constant: "SK",
        name: "Slovak",
        code: Some("sk"),
    },
    LanguageRow {
        constant: "SK_SK",
        name: "Slovakian",
        code: None,
    },
    LanguageRow {
        constant: "SL",
        name: "Slovenian",
        code: Some("sl"),
    },
    LanguageRow {
        constant: "SO",
        name: "Somali",
        code: Some("so"),
    },
    LanguageRow {
        constant: "SNK",
        name: "Soninke",
        code: Some("snk"),
    },
    LanguageRow {
        constant: "DSB",
        name: "Sorbian Lower",
        code: None,
    },
    LanguageRow {
        constant: "HSB",
        name: "Sorbian Upper",
        code: None,
    },
    LanguageRow {
        constant: "SMA",
        name: "Southern Sami",
        code: Some("sma"),
    },
    LanguageRow {
        constant: "TCE",
        name: "Southern Tutchone",
        code: Some("tce"),
    },
    LanguageRow {
        constant: "ES",
        name: "Spanish",
        code: Some("es"),
    },
    LanguageRow {
        constant: "ES_XL",
        name: "Spanish (Latin America)",
        code: Some("es_xl"),
    },
    LanguageRow {
        constant: "SRN",
        name: "Sranan",
        code: Some("srn"),
    },
    LanguageRow {
        constant: "STO",
        name: "Stoney",
        code: None,
    },
    LanguageRow {
        constant: "XSV",
        name: "Sudovian",
        code: None,
    },
    LanguageRow {
        constant: "SUX",
        name: "Sumerian",
        code: Some("sux"),
    },
    LanguageRow {
        constant: "SU",
        name: "Sundanese",
        code: Some("su"),
    },
    LanguageRow {
        constant: "SVA",
        name: "Svan",
        code: Some("sva"),
    },
    LanguageRow {
        constant: "SWG",
        name: "Swabian",
        code: None,
    },
    LanguageRow {
        constant: "SW",
        name: "Swahili (Kiswahili)",
        code: Some("sw"),
    },
    LanguageRow {
        constant: "SV",
        name: "Swedish",
        code: Some("sv"),
    },
    LanguageRow {
        constant: "SWL",
        name: "Swedish Sign Language",
        code: Some("swl"),
    },
    LanguageRow {
        constant: "GSW",
        name: "Swiss German Alemannic Alsatian",
        code: None,
    },
    LanguageRow {
        constant: "SYR",
        name: "Syriac",
        code: Some("syr"),
    },
    LanguageRow {
        constant: "TAB",
        name: "Tabassaran",
        code: Some("tab"),
    },
    LanguageRow {
        constant: "SHY",
        name: "Tachawit",
        code: Some("shy"),
    },
    LanguageRow {
        constant: "SHI",
        name: "Tachelhit",
        code: Some("shi"),
    },
    LanguageRow {
        constant: "TL",
        name: "Tagalog",
        code: Some("tl"),
    },
    LanguageRow {
        constant: "TBW",
        name: "Tagbanwa",
        code: Some("tbw"),
    },
    LanguageRow {
        constant: "TGX",
        name: "Tagish",
        code: Some("tgx"),
    },
    LanguageRow {
        constant: "THT",
        name: "Tahltan",
        code: Some("tht"),
    },
    LanguageRow {
        constant: "TDD",
        name: "Tai Na",
        code: None,
    },
    LanguageRow {
        constant: "ZH_TW",
        name: "Taiwanese Mandarin",
        code: Some("zh_tw"),
    },
    LanguageRow {
        constant: "TG",
        name: "Tajik",
        code: Some("tg"),
    },
    LanguageRow {
        constant: "TLY",
        name: "Talysh",
        code: Some("tly"),
    },
    LanguageRow {
        constant: "TTQ",
        name: "Tamajaq Tawallammat",
        code: None,
    },
    LanguageRow {
        constant: "TAQ",
        name: "Tamasheq",
        code: Some("taq"),
    },
    LanguageRow {
        constant: "TZM",
        name: "Tamazight Central Atlas",
        code: None,
    },
    LanguageRow {
        constant: "TA",
        name: "Tamil",
        code: Some("ta"),
    },
    LanguageRow {
        constant: "TAR",
        name: "Tarahumara Central",
        code: None,
    },
    LanguageRow {
        constant: "TTT",
        name: "Tat Muslim",
        code: None,
    },
    LanguageRow {
        constant: "TT",
        name: "Tatar",
        code: Some("tt"),
    },
    LanguageRow {
        constant: "TE",
        name: "Telugu",
        code: Some("te"),
    },
    LanguageRow {
        constant: "TEO",
        name: "Teo Chew",
        code: Some("teo"),
    },
    LanguageRow {
        constant: "TET",
        name: "Tetum",
        code: Some("tet"),
    },
    LanguageRow {
        constant: "TH",
        name: "Thai",
        code: Some("th"),
    },
    LanguageRow {
        constant: "NOD",
        name: "Thai (Northern)",
        code: None,
    },
    LanguageRow {
        constant: "TTS",
        name: "Thai Northeastern",
        code: None,
    },
    LanguageRow {
        constant: "THP",
        name: "Thompson",
        code: None,
    },
    LanguageRow {
        constant: "BO",
        name: "Tibetan",
        code: Some("bo"),
    },
    LanguageRow {
        constant: "TIG",
        name: "Tigre",
        code: Some("tig"),
    },
    LanguageRow {
        constant: "TI",
        name: "Tigrinya",
        code: Some("ti"),
    },
    LanguageRow {
        constant: "TLI",
        name: "Tlingit",
        code: Some("tli"),
    },
    LanguageRow {
        constant: "TCX",
        name: "Toda",
        code: Some("tcx"),
    },
    LanguageRow {
        constant: "OOD",
        name: "Tohono Oodham",
        code: None,
    },
    LanguageRow {
        constant: "TPI",
        name: "Tok Pisin",
        code: Some("tpi"),
    },
    LanguageRow {
        constant: "TO",
        name: "Tonga",
        code: Some("to"),
    },
    LanguageRow {
        constant: "TOG",
        name: "Tonga (Nyasa)",
        code: None,
    },
    LanguageRow {
        constant: "ZH_HK",
        name: "Traditional Chinese",
        code: None,
    },
    LanguageRow {
        constant: "DDO",
        name: "Tsez",
        code: Some("ddo"),
    },
    LanguageRow {
        constant: "TSI",
        name: "Tsimshian",
        code: None,
    },
    LanguageRow {
        constant: "TS",
        name: "Tsonga",
        code: Some("ts"),
    },
    LanguageRow {
        constant: "TCY",
        name: "Tulu",
        code: Some("tcy"),
    },
    LanguageRow {
        constant: "TUM",
        name: "Tumbuka",
        code: Some("tum"),
    },
    LanguageRow {
        constant: "MZB",
        name: "Tumzabt",
        code: Some("mzb"),
    },
    LanguageRow {
        constant: "TPN",
        name: "Tupinamb",
        code: None,
    },
    LanguageRow {
        constant: "TUV",
        name: "Turkana",
        code: Some("tuv"),
    },
    LanguageRow {
        constant: "TR",
        name: "Turkish",
        code: Some("tr"),
    },
    LanguageRow {
        constant: "OTA",
        name: "Turkish Ottoman",
        code: None,
    },
    LanguageRow {
        constant: "TK",
        name: "Turkmen",
        code: Some("tk"),
    },
    LanguageRow {
        constant: "TUS",
        name: "Tuscarora",
        code: Some("tus"),
    },
    LanguageRow {
        constant: "TVL",
        name: "Tuvalu",
        code: Some("tvl"),
    },
    LanguageRow {
        constant: "TYV",
        name: "Tuvinian",
        code: Some("tyv"),
    },
    LanguageRow {
        constant: "TW",
        name: "Twi",
        code: Some("tw"),
    },
    LanguageRow {
        constant: "UBY",
        name: "Ubykh",
        code: None,
    },
    LanguageRow {
        constant: "UDI",
        name: "Udi",
        code: Some("udi"),
    },
    LanguageRow {
        constant: "UDM",
        name: "Udmurt",
        code: Some("udm"),
    },
    LanguageRow {
        constant: "UG",
        name: "Uighur",
        code: Some("ug"),
    },
    LanguageRow {
        constant: "UK",
        name: "Ukrainian",
        code: Some("uk"),
    },
    LanguageRow {
        constant: "UN",
        name: "Undefined",
        code: Some("un"),
    },
    LanguageRow {
        constant: "UR",
        name: "Urdu",
        code: Some("ur"),
    },
    LanguageRow {
        constant: "UUM",
        name: "Urum",
        code: Some("uum"),
    },
    LanguageRow {
        constant: "UZ",
        name: "Uzbek",
        code: Some("uz"),
    },
    LanguageRow {
        constant: "VEC",
        name: "Venetian",
        code: Some("vec"),
    },
    LanguageRow {
        constant: "VEP",
        name: "Veps",
        code: Some("vep"),
    },
    LanguageRow {
        constant: "VI",
        name: "Vietnamese",
        code: Some("vi"),
    },
    LanguageRow {
        constant: "VO",
        name: "Volapuk",
        code: Some("vo"),
    },
    LanguageRow {
        constant: "VOR",
        name: "Voro",
        code: Some("vor"),
    },
    LanguageRow {
        constant: "VOT",
        name: "Votic",
        code: None,
    },
    LanguageRow {
        constant: "VRO",
        name: "Vro",
        code: None,
    },
    LanguageRow {
        constant: "AUC",
        name: "Waorani",
        code: Some("auc"),
    },
    LanguageRow {
        constant: "WAR",
        name: "Waray (Philippines)",
        code: None,
    },
    LanguageRow {
        constant: "CY",
        name: "Welsh",
        code: Some("cy"),
    },
    LanguageRow {
        constant: "PES",
        name: "Western Farsi",
        code: Some("pes"),
    },
    LanguageRow {
        constant: "AMW",
        name: "Western Neo-Aramaic",
        code: Some("amw"),
    },
    LanguageRow {
        constant: "WIY",
        name: "Wiyot",
        code: Some("wiy"),
    },
    LanguageRow {
        constant: "WO",
        name: "Wolof",
        code: Some("wo"),
    },
    LanguageRow {
        constant: "WUU",
        name: "Wu Chinese",
        code: Some("wuu"),
    },
    LanguageRow {
        constant: "WYM",
        name: "Wymysorys",
        code: None,
    },
    LanguageRow {
        constant: "XH",
        name: "Xhosa",
        code: Some("xh"),
    },
    LanguageRow {
        constant: "AME",
        name: "Yanesha",
        code: None,
    },
    LanguageRow {
        constant: "YI",
        name: "Yiddish",
        code: Some("yi"),
    },
    LanguageRow {
        constant: "JI",
        name: "Yiddish",
        code: Some("yi"),
    },
    LanguageRow {
        constant: "YO",
        name: "Yoruba",
        code: Some("yo"),
    },
    LanguageRow {
        constant: "ZAI",
        name: "Zapotec Isthmus",
        code: None,
    },
    LanguageRow {
        constant: "DJE",
        name: "Zarma",
        code: Some("dje"),
    },
    LanguageRow {
        constant: "ZU",
        name: "Zulu",
        code: Some("zu"),
    },
];
