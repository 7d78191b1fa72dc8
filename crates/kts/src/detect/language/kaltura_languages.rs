//! The `KalturaLanguage` table of kaltura-api-v3.md section 12.8, in the server's order.
//!
//! Generated from that section (one row per constant); do not edit by hand, regenerate from the
//! document instead. Each row: the constant name, the value sent on the wire (the language name)
//! and the `languageCode` the server derives from it (`None` where it derives an empty code).

use super::KalturaLanguage;

/// Every `KalturaLanguage` value, complete and in the server's order.
pub(super) const KALTURA_LANGUAGES: &[KalturaLanguage] = &[
    KalturaLanguage {
        constant: "ABQ",
        name: "Abaza",
        code: Some("abq"),
    },
    KalturaLanguage {
        constant: "AB",
        name: "Abkhazian",
        code: Some("ab"),
    },
    KalturaLanguage {
        constant: "ABE",
        name: "Abnaki Western",
        code: None,
    },
    KalturaLanguage {
        constant: "ABU",
        name: "Abure",
        code: None,
    },
    KalturaLanguage {
        constant: "ACN",
        name: "Achang",
        code: Some("acn"),
    },
    KalturaLanguage {
        constant: "ACE",
        name: "Achinese",
        code: Some("ace"),
    },
    KalturaLanguage {
        constant: "ACT",
        name: "Achterhooks",
        code: Some("act"),
    },
    KalturaLanguage {
        constant: "ACV",
        name: "Achumawi",
        code: Some("acv"),
    },
    KalturaLanguage {
        constant: "ADJ",
        name: "Adioukrou",
        code: Some("adj"),
    },
    KalturaLanguage {
        constant: "ADY",
        name: "Adyghe; Adygei",
        code: Some("ady"),
    },
    KalturaLanguage {
        constant: "ADT",
        name: "Adynyamathanha",
        code: Some("adt"),
    },
    KalturaLanguage {
        constant: "AAL",
        name: "Afade",
        code: Some("aal"),
    },
    KalturaLanguage {
        constant: "AA",
        name: "Afar",
        code: Some("aa"),
    },
    KalturaLanguage {
        constant: "AF",
        name: "Afrikaans",
        code: Some("af"),
    },
    KalturaLanguage {
        constant: "AGQ",
        name: "Aghem",
        code: Some("agq"),
    },
    KalturaLanguage {
        constant: "AGX",
        name: "Aghul",
        code: Some("agx"),
    },
    KalturaLanguage {
        constant: "AGU",
        name: "Aguacateco",
        code: Some("agu"),
    },
    KalturaLanguage {
        constant: "AGR",
        name: "Aguaruna",
        code: Some("agr"),
    },
    KalturaLanguage {
        constant: "AIN",
        name: "Ainu (Japan)",
        code: None,
    },
    KalturaLanguage {
        constant: "AKK",
        name: "Akkadian",
        code: Some("akk"),
    },
    KalturaLanguage {
        constant: "AKL",
        name: "Aklanon",
        code: Some("akl"),
    },
    KalturaLanguage {
        constant: "AKU",
        name: "Akum",
        code: Some("aku"),
    },
    KalturaLanguage {
        constant: "AKZ",
        name: "Alabama",
        code: Some("akz"),
    },
    KalturaLanguage {
        constant: "SQ",
        name: "Albanian",
        code: Some("sq"),
    },
    KalturaLanguage {
        constant: "ALN",
        name: "Albanian (Gheg)",
        code: None,
    },
    KalturaLanguage {
        constant: "ALS",
        name: "Albanian (Tosk)",
        code: None,
    },
    KalturaLanguage {
        constant: "ALE",
        name: "Aleut",
        code: Some("ale"),
    },
    KalturaLanguage {
        constant: "ALG",
        name: "Algonquian languages",
        code: Some("alg"),
    },
    KalturaLanguage {
        constant: "ALQ",
        name: "Algonquin",
        code: Some("alq"),
    },
    KalturaLanguage {
        constant: "ALT",
        name: "Altai (Southern)",
        code: None,
    },
    KalturaLanguage {
        constant: "AM",
        name: "Amharic",
        code: Some("am"),
    },
    KalturaLanguage {
        constant: "RME",
        name: "Angloromani",
        code: Some("rme"),
    },
    KalturaLanguage {
        constant: "APJ",
        name: "Apache (Jicarilla)",
        code: None,
    },
    KalturaLanguage {
        constant: "APW",
        name: "Apache (Western)",
        code: None,
    },
    KalturaLanguage {
        constant: "AR",
        name: "Arabic",
        code: Some("ar"),
    },
    KalturaLanguage {
        constant: "AR_LB",
        name: "Arabic (Lebanon)",
        code: Some("ar_lb"),
    },
    KalturaLanguage {
        constant: "AR_QA",
        name: "Arabic (Qatar)",
        code: Some("ar_qa"),
    },
    KalturaLanguage {
        constant: "AR_SA",
        name: "Arabic (Saudi Arabia)",
        code: Some("ar_sa"),
    },
    KalturaLanguage {
        constant: "ARB",
        name: "Arabic (standard)",
        code: None,
    },
    KalturaLanguage {
        constant: "B_T",
        name: "Arabic Tunisian Spoken",
        code: None,
    },
    KalturaLanguage {
        constant: "ARC",
        name: "Aramaic",
        code: Some("arc"),
    },
    KalturaLanguage {
        constant: "SAM",
        name: "Aramaic Samaritan",
        code: None,
    },
    KalturaLanguage {
        constant: "ARP",
        name: "Arapaho",
        code: Some("arp"),
    },
    KalturaLanguage {
        constant: "ARN",
        name: "Araucanian",
        code: Some("arn"),
    },
    KalturaLanguage {
        constant: "ARI",
        name: "Arikara",
        code: Some("ari"),
    },
    KalturaLanguage {
        constant: "HY",
        name: "Armenian",
        code: Some("hy"),
    },
    KalturaLanguage {
        constant: "RUP",
        name: "Aromanian",
        code: Some("rup"),
    },
    KalturaLanguage {
        constant: "AS_",
        name: "Assamese",
        code: Some("as_"),
    },
    KalturaLanguage {
        constant: "ASB",
        name: "Assiniboine",
        code: None,
    },
    KalturaLanguage {
        constant: "AII",
        name: "Assyrian Neo-Aramaic",
        code: Some("aii"),
    },
    KalturaLanguage {
        constant: "AST",
        name: "Asturian",
        code: Some("ast"),
    },
    KalturaLanguage {
        constant: "ATH",
        name: "Athapascan languages",
        code: Some("ath"),
    },
    KalturaLanguage {
        constant: "ATJ",
        name: "Atikamekw",
        code: Some("atj"),
    },
    KalturaLanguage {
        constant: "AWA",
        name: "Awadhi",
        code: Some("awa"),
    },
    KalturaLanguage {
        constant: "AY",
        name: "Aymara",
        code: Some("ay"),
    },
    KalturaLanguage {
        constant: "AZ",
        name: "Azerbaijani",
        code: Some("az"),
    },
    KalturaLanguage {
        constant: "BCR",
        name: "Babine",
        code: Some("bcr"),
    },
    KalturaLanguage {
        constant: "BFQ",
        name: "Badaga",
        code: Some("bfq"),
    },
    KalturaLanguage {
        constant: "BDJ",
        name: "Bai",
        code: Some("bdj"),
    },
    KalturaLanguage {
        constant: "BAN",
        name: "Balinese",
        code: Some("ban"),
    },
    KalturaLanguage {
        constant: "BCC",
        name: "Balochi Southern",
        code: None,
    },
    KalturaLanguage {
        constant: "BFT",
        name: "Balti",
        code: Some("bft"),
    },
    KalturaLanguage {
        constant: "BAL",
        name: "Baluchi",
        code: Some("bal"),
    },
    KalturaLanguage {
        constant: "BAS",
        name: "Basa (Cameroon)",
        code: None,
    },
    KalturaLanguage {
        constant: "BA",
        name: "Bashkir",
        code: Some("ba"),
    },
    KalturaLanguage {
        constant: "EU",
        name: "Basque",
        code: Some("eu"),
    },
    KalturaLanguage {
        constant: "BAR",
        name: "Bavarian",
        code: Some("bar"),
    },
    KalturaLanguage {
        constant: "BEA",
        name: "Beaver",
        code: Some("bea"),
    },
    KalturaLanguage {
        constant: "BEJ",
        name: "Beja",
        code: Some("bej"),
    },
    KalturaLanguage {
        constant: "BEM",
        name: "Bemba (Zambia)",
        code: None,
    },
    KalturaLanguage {
        constant: "BN",
        name: "Bengali (Bangla)",
        code: Some("bn"),
    },
    KalturaLanguage {
        constant: "BEW",
        name: "Betawi",
        code: Some("bew"),
    },
    KalturaLanguage {
        constant: "KAP",
        name: "Bezhta",
        code: Some("kap"),
    },
    KalturaLanguage {
        constant: "BHB",
        name: "Bhili",
        code: Some("bhb"),
    },
    KalturaLanguage {
        constant: "BHO",
        name: "Bhojpuri",
        code: Some("bho"),
    },
    KalturaLanguage {
        constant: "DZ",
        name: "Bhutani",
        code: Some("dz"),
    },
    KalturaLanguage {
        constant: "BH",
        name: "Bihari",
        code: Some("bh"),
    },
    KalturaLanguage {
        constant: "BIK",
        name: "Bikol",
        code: Some("bik"),
    },
    KalturaLanguage {
        constant: "BIN",
        name: "Bini",
        code: None,
    },
    KalturaLanguage {
        constant: "BPY",
        name: "Bishnupriya Manipuri",
        code: Some("bpy"),
    },
    KalturaLanguage {
        constant: "BI",
        name: "Bislama",
        code: Some("bi"),
    },
    KalturaLanguage {
        constant: "BS",
        name: "Bosnian",
        code: Some("bs"),
    },
    KalturaLanguage {
        constant: "BR",
        name: "Breton",
        code: Some("br"),
    },
    KalturaLanguage {
        constant: "BUG",
        name: "Buginese",
        code: Some("bug"),
    },
    KalturaLanguage {
        constant: "BG",
        name: "Bulgarian",
        code: Some("bg"),
    },
    KalturaLanguage {
        constant: "BUA",
        name: "Buriat",
        code: Some("bua"),
    },
    KalturaLanguage {
        constant: "MY",
        name: "Burmese",
        code: Some("my"),
    },
    KalturaLanguage {
        constant: "BE",
        name: "Byelorussian (Belarusian)",
        code: Some("be"),
    },
    KalturaLanguage {
        constant: "CAD",
        name: "Caddo",
        code: Some("cad"),
    },
    KalturaLanguage {
        constant: "KM",
        name: "Cambodian",
        code: Some("km"),
    },
    KalturaLanguage {
        constant: "YUE",
        name: "Cantonese",
        code: Some("yue"),
    },
    KalturaLanguage {
        constant: "CRX",
        name: "Carrier",
        code: Some("crx"),
    },
    KalturaLanguage {
        constant: "CAF",
        name: "Carrier Southern",
        code: None,
    },
    KalturaLanguage {
        constant: "CA",
        name: "Catalan",
        code: Some("ca"),
    },
    KalturaLanguage {
        constant: "CHC",
        name: "Catawba",
        code: Some("chc"),
    },
    KalturaLanguage {
        constant: "CAY",
        name: "Cayuga",
        code: Some("cay"),
    },
    KalturaLanguage {
        constant: "CEB",
        name: "Cebuano",
        code: Some("ceb"),
    },
    KalturaLanguage {
        constant: "CHG",
        name: "Chagatai",
        code: Some("chg"),
    },
    KalturaLanguage {
        constant: "CLD",
        name: "Chaldean Neo-Aramaic",
        code: Some("cld"),
    },
    KalturaLanguage {
        constant: "CHR",
        name: "Cherokee",
        code: Some("chr"),
    },
    KalturaLanguage {
        constant: "CHY",
        name: "Cheyenne",
        code: Some("chy"),
    },
    KalturaLanguage {
        constant: "CIC",
        name: "Chickasaw",
        code: Some("cic"),
    },
    KalturaLanguage {
        constant: "CLC",
        name: "Chilcotin",
        code: Some("clc"),
    },
    KalturaLanguage {
        constant: "ZH",
        name: "Chinese",
        code: Some("zh"),
    },
    KalturaLanguage {
        constant: "CHN",
        name: "Chinook jargon",
        code: Some("chn"),
    },
    KalturaLanguage {
        constant: "CHP",
        name: "Chipewyan",
        code: Some("chp"),
    },
    KalturaLanguage {
        constant: "CIW",
        name: "Chippewa",
        code: Some("ciw"),
    },
    KalturaLanguage {
        constant: "CHO",
        name: "Choctaw",
        code: Some("cho"),
    },
    KalturaLanguage {
        constant: "CAA",
        name: "Chor",
        code: None,
    },
    KalturaLanguage {
        constant: "CKT",
        name: "Chukot",
        code: Some("ckt"),
    },
    KalturaLanguage {
        constant: "CIM",
        name: "Cimbrian",
        code: Some("cim"),
    },
    KalturaLanguage {
        constant: "CLM",
        name: "Clallam Klallam",
        code: None,
    },
    KalturaLanguage {
        constant: "COJ",
        name: "Cochimi",
        code: Some("coj"),
    },
    KalturaLanguage {
        constant: "COC",
        name: "Cocopa",
        code: Some("coc"),
    },
    KalturaLanguage {
        constant: "KSH",
        name: "Colognian",
        code: Some("ksh"),
    },
    KalturaLanguage {
        constant: "COM",
        name: "Comanche",
        code: Some("com"),
    },
    KalturaLanguage {
        constant: "SWB",
        name: "Comorian",
        code: Some("swb"),
    },
    KalturaLanguage {
        constant: "COO",
        name: "Comox",
        code: Some("coo"),
    },
    KalturaLanguage {
        constant: "COP",
        name: "Coptic",
        code: Some("cop"),
    },
    KalturaLanguage {
        constant: "CO",
        name: "Corsican",
        code: Some("co"),
    },
    KalturaLanguage {
        constant: "CR",
        name: "Cree",
        code: Some("cr"),
    },
    KalturaLanguage {
        constant: "MUS",
        name: "Creek",
        code: Some("mus"),
    },
    KalturaLanguage {
        constant: "CRH",
        name: "Crimean Tatar",
        code: Some("crh"),
    },
    KalturaLanguage {
        constant: "HR",
        name: "Croatian",
        code: Some("hr"),
    },
    KalturaLanguage {
        constant: "CUP",
        name: "Cupeo",
        code: None,
    },
    KalturaLanguage {
        constant: "CS",
        name: "Czech",
        code: Some("cs"),
    },
    KalturaLanguage {
        constant: "DAK",
        name: "Dakota",
        code: Some("dak"),
    },
    KalturaLanguage {
        constant: "DA",
        name: "Danish",
        code: Some("da"),
    },
    KalturaLanguage {
        constant: "DAR",
        name: "Dargwa",
        code: Some("dar"),
    },
    KalturaLanguage {
        constant: "PRD",
        name: "Dari (Persian)",
        code: None,
    },
    KalturaLanguage {
        constant: "GBZ",
        name: "Dari Zoroastrian",
        code: None,
    },
    KalturaLanguage {
        constant: "DHV",
        name: "Dehu",
        code: Some("dhv"),
    },
    KalturaLanguage {
        constant: "DEL",
        name: "Delaware",
        code: Some("del"),
    },
    KalturaLanguage {
        constant: "DIN",
        name: "Dinka",
        code: Some("din"),
    },
    KalturaLanguage {
        constant: "DOI",
        name: "Dogri (generic)",
        code: None,
    },
    KalturaLanguage {
        constant: "DGR",
        name: "Dogrib",
        code: None,
    },
    KalturaLanguage {
        constant: "DLG",
        name: "Dolgan",
        code: Some("dlg"),
    },
    KalturaLanguage {
        constant: "DOH",
        name: "Dong",
        code: Some("doh"),
    },
    KalturaLanguage {
        constant: "DUA",
        name: "Duala",
        code: Some("dua"),
    },
    KalturaLanguage {
        constant: "DNG",
        name: "Dungan",
        code: Some("dng"),
    },
    KalturaLanguage {
        constant: "NL",
        name: "Dutch",
        code: Some("nl"),
    },
    KalturaLanguage {
        constant: "DYU",
        name: "Dyula",
        code: Some("dyu"),
    },
    KalturaLanguage {
        constant: "EEE",
        name: "E",
        code: Some("eee"),
    },
    KalturaLanguage {
        constant: "EGL",
        name: "Emilian",
        code: Some("egl"),
    },
    KalturaLanguage {
        constant: "EN",
        name: "English",
        code: Some("en"),
    },
    KalturaLanguage {
        constant: "EN_US",
        name: "English (American)",
        code: Some("en_us"),
    },
    KalturaLanguage {
        constant: "EN_AU",
        name: "English (Australian)",
        code: None,
    },
    KalturaLanguage {
        constant: "EN_GB",
        name: "English (British)",
        code: Some("en_gb"),
    },
    KalturaLanguage {
        constant: "ENM",
        name: "English Middle (1100-1500)",
        code: None,
    },
    KalturaLanguage {
        constant: "MYV",
        name: "Erzya",
        code: Some("myv"),
    },
    KalturaLanguage {
        constant: "EO",
        name: "Esperanto",
        code: Some("eo"),
    },
    KalturaLanguage {
        constant: "ET",
        name: "Estonian",
        code: Some("et"),
    },
    KalturaLanguage {
        constant: "EVE",
        name: "Even",
        code: Some("eve"),
    },
    KalturaLanguage {
        constant: "EVN",
        name: "Evenki",
        code: Some("evn"),
    },
    KalturaLanguage {
        constant: "FO",
        name: "Faeroese",
        code: Some("fo"),
    },
    KalturaLanguage {
        constant: "FAX",
        name: "Fala",
        code: Some("fax"),
    },
    KalturaLanguage {
        constant: "FAN",
        name: "Fang (Equatorial Guinea)",
        code: None,
    },
    KalturaLanguage {
        constant: "FA",
        name: "Farsi",
        code: Some("fa"),
    },
    KalturaLanguage {
        constant: "FJ",
        name: "Fiji",
        code: Some("fj"),
    },
    KalturaLanguage {
        constant: "FIL",
        name: "Filipino",
        code: Some("fil"),
    },
    KalturaLanguage {
        constant: "FI",
        name: "Finnish",
        code: Some("fi"),
    },
    KalturaLanguage {
        constant: "FIT",
        name: "Finnish (Tornedalen)",
        code: None,
    },
    KalturaLanguage {
        constant: "FON",
        name: "Fon",
        code: Some("fon"),
    },
    KalturaLanguage {
        constant: "FRP",
        name: "Franco-Prove",
        code: None,
    },
    KalturaLanguage {
        constant: "FRK",
        name: "Frankish",
        code: Some("frk"),
    },
    KalturaLanguage {
        constant: "FR",
        name: "French",
        code: Some("fr"),
    },
    KalturaLanguage {
        constant: "FR_CA",
        name: "French (Canada)",
        code: Some("fr_ca"),
    },
    KalturaLanguage {
        constant: "FY",
        name: "Frisian",
        code: Some("fy"),
    },
    KalturaLanguage {
        constant: "FRR",
        name: "Frisian Northern",
        code: None,
    },
    KalturaLanguage {
        constant: "FUR",
        name: "Friulian",
        code: Some("fur"),
    },
    KalturaLanguage {
        constant: "FVR",
        name: "Fur",
        code: Some("fvr"),
    },
    KalturaLanguage {
        constant: "GAA",
        name: "Ga",
        code: Some("gaa"),
    },
    KalturaLanguage {
        constant: "GV",
        name: "Gaelic (Manx)",
        code: Some("gv"),
    },
    KalturaLanguage {
        constant: "GD",
        name: "Gaelic (Scottish)",
        code: Some("gd"),
    },
    KalturaLanguage {
        constant: "GAG",
        name: "Gagauz",
        code: Some("gag"),
    },
    KalturaLanguage {
        constant: "GL",
        name: "Galician",
        code: Some("gl"),
    },
    KalturaLanguage {
        constant: "GAN",
        name: "Gan",
        code: Some("gan"),
    },
    KalturaLanguage {
        constant: "GEZ",
        name: "Geez",
        code: Some("gez"),
    },
    KalturaLanguage {
        constant: "KA",
        name: "Georgian",
        code: Some("ka"),
    },
    KalturaLanguage {
        constant: "DE",
        name: "German",
        code: Some("de"),
    },
    KalturaLanguage {
        constant: "GEH",
        name: "German Hutterite",
        code: None,
    },
    KalturaLanguage {
        constant: "PDC",
        name: "German Pennsylvania",
        code: None,
    },
    KalturaLanguage {
        constant: "GIL",
        name: "Gilbertese",
        code: Some("gil"),
    },
    KalturaLanguage {
        constant: "NIV",
        name: "Gilyak Nivkh",
        code: None,
    },
    KalturaLanguage {
        constant: "GIT",
        name: "Gitxsan",
        code: Some("git"),
    },
    KalturaLanguage {
        constant: "EL",
        name: "Greek",
        code: Some("el"),
    },
    KalturaLanguage {
        constant: "GRC",
        name: "Greek Ancient (to 1453)",
        code: None,
    },
    KalturaLanguage {
        constant: "KL",
        name: "Greenlandic",
        code: Some("kl"),
    },
    KalturaLanguage {
        constant: "GN",
        name: "Guarani",
        code: Some("gn"),
    },
    KalturaLanguage {
        constant: "GU",
        name: "Gujarati",
        code: Some("gu"),
    },
    KalturaLanguage {
        constant: "GWI",
        name: "Gwichin",
        code: None,
    },
    KalturaLanguage {
        constant: "HAI",
        name: "Haida",
        code: None,
    },
    KalturaLanguage {
        constant: "HNN",
        name: "Hainanese",
        code: Some("hnn"),
    },
    KalturaLanguage {
        constant: "HAS",
        name: "Haisla",
        code: None,
    },
    KalturaLanguage {
        constant: "HAK",
        name: "Hakka",
        code: Some("hak"),
    },
    KalturaLanguage {
        constant: "HUR",
        name: "Halkomelem",
        code: Some("hur"),
    },
    KalturaLanguage {
        constant: "HAA",
        name: "Han",
        code: Some("haa"),
    },
    KalturaLanguage {
        constant: "HNI",
        name: "Hani",
        code: Some("hni"),
    },
    KalturaLanguage {
        constant: "HA",
        name: "Hausa",
        code: Some("ha"),
    },
    KalturaLanguage {
        constant: "HAW",
        name: "Hawaiian",
        code: Some("haw"),
    },
    KalturaLanguage {
        constant: "HE",
        name: "Hebrew",
        code: Some("he"),
    },
    KalturaLanguage {
        constant: "IW",
        name: "Hebrew",
        code: Some("he"),
    },
    KalturaLanguage {
        constant: "HEI",
        name: "Heiltsuk",
        code: Some("hei"),
    },
    KalturaLanguage {
        constant: "HID",
        name: "Hidatsa",
        code: Some("hid"),
    },
    KalturaLanguage {
        constant: "HIL",
        name: "Hiligaynon",
        code: Some("hil"),
    },
    KalturaLanguage {
        constant: "HI",
        name: "Hindi",
        code: Some("hi"),
    },
    KalturaLanguage {
        constant: "HMN",
        name: "Hmong",
        code: Some("hmn"),
    },
    KalturaLanguage {
        constant: "HKK",
        name: "Hokkien",
        code: Some("hkk"),
    },
    KalturaLanguage {
        constant: "HOP",
        name: "Hopi",
        code: Some("hop"),
    },
    KalturaLanguage {
        constant: "CZH",
        name: "Huizhou Chinese",
        code: Some("czh"),
    },
    KalturaLanguage {
        constant: "HU",
        name: "Hungarian",
        code: Some("hu"),
    },
    KalturaLanguage {
        constant: "IS",
        name: "Icelandic",
        code: Some("is"),
    },
    KalturaLanguage {
        constant: "KPO",
        name: "Ikposo",
        code: Some("kpo"),
    },
    KalturaLanguage {
        constant: "ILO",
        name: "Iloko",
        code: Some("ilo"),
    },
    KalturaLanguage {
        constant: "SMN",
        name: "Inari Sami",
        code: Some("smn"),
    },
    KalturaLanguage {
        constant: "ID",
        name: "Indonesian",
        code: Some("id"),
    },
    KalturaLanguage {
        constant: "IN",
        name: "Indonesian",
        code: Some("id"),
    },
    KalturaLanguage {
        constant: "IZH",
        name: "Ingrian",
        code: Some("izh"),
    },
    KalturaLanguage {
        constant: "INH",
        name: "Ingush",
        code: Some("inh"),
    },
    KalturaLanguage {
        constant: "IA",
        name: "Interlingua",
        code: Some("ia"),
    },
    KalturaLanguage {
        constant: "IE",
        name: "Interlingue",
        code: Some("ie"),
    },
    KalturaLanguage {
        constant: "IKT",
        name: "Inuinnaqtun",
        code: Some("ikt"),
    },
    KalturaLanguage {
        constant: "IU",
        name: "Inuktitut",
        code: Some("iu"),
    },
    KalturaLanguage {
        constant: "IK",
        name: "Inupiak",
        code: Some("ik"),
    },
    KalturaLanguage {
        constant: "GA",
        name: "Irish",
        code: Some("ga"),
    },
    KalturaLanguage {
        constant: "IRO",
        name: "Iroquoian languages",
        code: Some("iro"),
    },
    KalturaLanguage {
        constant: "IT",
        name: "Italian",
        code: Some("it"),
    },
    KalturaLanguage {
        constant: "ITL",
        name: "Itelmen",
        code: Some("itl"),
    },
    KalturaLanguage {
        constant: "JA",
        name: "Japanese",
        code: Some("ja"),
    },
    KalturaLanguage {
        constant: "JV",
        name: "Javanese",
        code: Some("jv"),
    },
    KalturaLanguage {
        constant: "CJY",
        name: "Jinyu Chinese",
        code: Some("cjy"),
    },
    KalturaLanguage {
        constant: "KAJ",
        name: "Jju",
        code: Some("kaj"),
    },
    KalturaLanguage {
        constant: "JCT",
        name: "Judeo-Crimean Tatar",
        code: Some("jct"),
    },
    KalturaLanguage {
        constant: "JGE",
        name: "Judeo-Georgian",
        code: Some("jge"),
    },
    KalturaLanguage {
        constant: "JUT",
        name: "Jutish",
        code: Some("jut"),
    },
    KalturaLanguage {
        constant: "KBD",
        name: "Kabardian",
        code: Some("kbd"),
    },
    KalturaLanguage {
        constant: "KEA",
        name: "Kabuverdianu",
        code: Some("kea"),
    },
    KalturaLanguage {
        constant: "KAB",
        name: "Kabyle",
        code: Some("kab"),
    },
    KalturaLanguage {
        constant: "KFR",
        name: "Kachchi",
        code: Some("kfr"),
    },
    KalturaLanguage {
        constant: "KJV",
        name: "Kaikavian literary language (Kajkavian)",
        code: None,
    },
    KalturaLanguage {
        constant: "XAL",
        name: "Kalmyk Oirat",
        code: None,
    },
    KalturaLanguage {
        constant: "KN",
        name: "Kannada",
        code: Some("kn"),
    },
    KalturaLanguage {
        constant: "KSK",
        name: "Kansa",
        code: Some("ksk"),
    },
    KalturaLanguage {
        constant: "KRC",
        name: "Karachay-Balkar",
        code: Some("krc"),
    },
    KalturaLanguage {
        constant: "KIM",
        name: "Karagas",
        code: Some("kim"),
    },
    KalturaLanguage {
        constant: "KDR",
        name: "Karaim",
        code: Some("kdr"),
    },
    KalturaLanguage {
        constant: "KAA",
        name: "Karakalpak",
        code: Some("kaa"),
    },
    KalturaLanguage {
        constant: "KRL",
        name: "Karelian",
        code: Some("krl"),
    },
    KalturaLanguage {
        constant: "KS",
        name: "Kashmiri",
        code: Some("ks"),
    },
    KalturaLanguage {
        constant: "CSB",
        name: "Kashubian",
        code: None,
    },
    KalturaLanguage {
        constant: "KKZ",
        name: "Kaska",
        code: Some("kkz"),
    },
    KalturaLanguage {
        constant: "KAW",
        name: "Kawi",
        code: None,
    },
    KalturaLanguage {
        constant: "KK",
        name: "Kazakh",
        code: Some("kk"),
    },
    KalturaLanguage {
        constant: "KJH",
        name: "Khakas",
        code: Some("kjh"),
    },
    KalturaLanguage {
        constant: "KLJ",
        name: "Khalaj Turkic",
        code: None,
    },
    KalturaLanguage {
        constant: "KCA",
        name: "Khanty",
        code: Some("kca"),
    },
    KalturaLanguage {
        constant: "KHA",
        name: "Khasi",
        code: Some("kha"),
    },
    KalturaLanguage {
        constant: "KXM",
        name: "Khmer Northern",
        code: None,
    },
    KalturaLanguage {
        constant: "KIC",
        name: "Kickapoo",
        code: Some("kic"),
    },
    KalturaLanguage {
        constant: "RW",
        name: "Kinyarwanda (Ruanda)",
        code: Some("rw"),
    },
    KalturaLanguage {
        constant: "KIO",
        name: "Kiowa",
        code: Some("kio"),
    },
    KalturaLanguage {
        constant: "KY",
        name: "Kirghiz",
        code: Some("ky"),
    },
    KalturaLanguage {
        constant: "RN",
        name: "Kirundi (Rundi)",
        code: Some("rn"),
    },
    KalturaLanguage {
        constant: "TLH",
        name: "Klingon tlhIngan-Hol",
        code: None,
    },
    KalturaLanguage {
        constant: "KFA",
        name: "Kodava",
        code: Some("kfa"),
    },
    KalturaLanguage {
        constant: "KOI",
        name: "Komi-Permyak",
        code: Some("koi"),
    },
    KalturaLanguage {
        constant: "KOK",
        name: "Konkani (generic)",
        code: None,
    },
    KalturaLanguage {
        constant: "KNN",
        name: "Konkani (specific)",
        code: None,
    },
    KalturaLanguage {
        constant: "GOM",
        name: "Konkani Goan",
        code: None,
    },
    KalturaLanguage {
        constant: "KO",
        name: "Korean",
        code: Some("ko"),
    },
    KalturaLanguage {
        constant: "KPY",
        name: "Koryak",
        code: Some("kpy"),
    },
    KalturaLanguage {
        constant: "KOS",
        name: "Kosraean",
        code: Some("kos"),
    },
    KalturaLanguage {
        constant: "AVK",
        name: "Kotava",
        code: Some("avk"),
    },
    KalturaLanguage {
        constant: "KPE",
        name: "Kpelle",
        code: Some("kpe"),
    },
    KalturaLanguage {
        constant: "DIH",
        name: "Kumiai",
        code: Some("dih"),
    },
    KalturaLanguage {
        constant: "KUM",
        name: "Kumyk",
        code: Some("kum"),
    },
    KalturaLanguage {
        constant: "KU",
        name: "Kurdish",
        code: Some("ku"),
    },
    KalturaLanguage {
        constant: "KUT",
        name: "Kutenai",
        code: Some("kut"),
    },
    KalturaLanguage {
        constant: "KWK",
        name: "Kwakiutl",
        code: Some("kwk"),
    },
    KalturaLanguage {
        constant: "GDM",
        name: "Laal",
        code: Some("gdm"),
    },
    KalturaLanguage {
        constant: "LLD",
        name: "Ladin",
        code: Some("lld"),
    },
    KalturaLanguage {
        constant: "LAD",
        name: "Ladino",
        code: Some("lad"),
    },
    KalturaLanguage {
        constant: "LAH",
        name: "Lahnda",
        code: Some("lah"),
    },
    KalturaLanguage {
        constant: "LHU",
        name: "Lahu",
        code: Some("lhu"),
    },
    KalturaLanguage {
        constant: "LBE",
        name: "Lak",
        code: Some("lbe"),
    },
    KalturaLanguage {
        constant: "LKI",
        name: "Laki",
        code: Some("lki"),
    },
    KalturaLanguage {
        constant: "LKT",
        name: "Lakota",
        code: Some("lkt"),
    },
    KalturaLanguage {
        constant: "LO",
        name: "Laothian",
        code: Some("lo"),
    },
    KalturaLanguage {
        constant: "LA",
        name: "Latin",
        code: Some("la"),
    },
    KalturaLanguage {
        constant: "LV",
        name: "Latvian (Lettish)",
        code: Some("lv"),
    },
    KalturaLanguage {
        constant: "LZZ",
        name: "Laz",
        code: Some("lzz"),
    },
    KalturaLanguage {
        constant: "LEZ",
        name: "Lezghian",
        code: Some("lez"),
    },
    KalturaLanguage {
        constant: "LIJ",
        name: "Ligurian",
        code: Some("lij"),
    },
    KalturaLanguage {
        constant: "LIL",
        name: "Lillooet",
        code: None,
    },
    KalturaLanguage {
        constant: "LIF",
        name: "Limbu",
        code: Some("lif"),
    },
    KalturaLanguage {
        constant: "LI",
        name: "Limburgish ( Limburger)",
        code: Some("li"),
    },
    KalturaLanguage {
        constant: "LN",
        name: "Lingala",
        code: Some("ln"),
    },
    KalturaLanguage {
        constant: "LT",
        name: "Lithuanian",
        code: Some("lt"),
    },
    KalturaLanguage {
        constant: "JBO",
        name: "Lojban",
        code: Some("jbo"),
    },
    KalturaLanguage {
        constant: "LOM",
        name: "Loma (Liberia)",
        code: None,
    },
    KalturaLanguage {
        constant: "LMO",
        name: "Lombard",
        code: Some("lmo"),
    },
    KalturaLanguage {
        constant: "NDS",
        name: "Low German Low Saxon",
        code: None,
    },
    KalturaLanguage {
        constant: "LOZ",
        name: "Lozi",
        code: Some("loz"),
    },
    KalturaLanguage {
        constant: "LUA",
        name: "Luba-Lulua",
        code: Some("lua"),
    },
    KalturaLanguage {
        constant: "LUQ",
        name: "Lucumi",
        code: Some("luq"),
    },
    KalturaLanguage {
        constant: "LUD",
        name: "Ludian",
        code: None,
    },
    KalturaLanguage {
        constant: "SMJ",
        name: "Lule Sami",
        code: Some("smj"),
    },
    KalturaLanguage {
        constant: "LUN",
        name: "Lunda",
        code: Some("lun"),
    },
    KalturaLanguage {
        constant: "LUO",
        name: "Luo (Kenya and Tanzania)",
        code: None,
    },
    KalturaLanguage {
        constant: "LUT",
        name: "Lushootseed",
        code: Some("lut"),
    },
    KalturaLanguage {
        constant: "LB",
        name: "Luxembourgish (Letzeburgesch)",
        code: Some("lb"),
    },
    KalturaLanguage {
        constant: "MK",
        name: "Macedonian",
        code: Some("mk"),
    },
    KalturaLanguage {
        constant: "MAD",
        name: "Madurese",
        code: Some("mad"),
    },
    KalturaLanguage {
        constant: "MAG",
        name: "Magahi",
        code: Some("mag"),
    },
    KalturaLanguage {
        constant: "MAI",
        name: "Maithili",
        code: Some("mai"),
    },
    KalturaLanguage {
        constant: "MG",
        name: "Malagasy",
        code: Some("mg"),
    },
    KalturaLanguage {
        constant: "MS",
        name: "Malay",
        code: Some("ms"),
    },
    KalturaLanguage {
        constant: "ML",
        name: "Malayalam",
        code: Some("ml"),
    },
    KalturaLanguage {
        constant: "PQM",
        name: "Malecite-Passamaquoddy",
        code: Some("pqm"),
    },
    KalturaLanguage {
        constant: "MT",
        name: "Maltese",
        code: Some("mt"),
    },
    KalturaLanguage {
        constant: "MNC",
        name: "Manchu",
        code: Some("mnc"),
    },
    KalturaLanguage {
        constant: "MID",
        name: "Mandaic",
        code: Some("mid"),
    },
    KalturaLanguage {
        constant: "MHQ",
        name: "Mandan",
        code: None,
    },
    KalturaLanguage {
        constant: "CMN",
        name: "Mandarin Chinese",
        code: Some("cmn"),
    },
    KalturaLanguage {
        constant: "MNS",
        name: "Mansi",
        code: Some("mns"),
    },
    KalturaLanguage {
        constant: "MI",
        name: "Maori",
        code: Some("mi"),
    },
    KalturaLanguage {
        constant: "MRW",
        name: "Maranao",
        code: Some("mrw"),
    },
    KalturaLanguage {
        constant: "MR",
        name: "Marathi",
        code: Some("mr"),
    },
    KalturaLanguage {
        constant: "CHM",
        name: "Mari (Russia)",
        code: None,
    },
    KalturaLanguage {
        constant: "MWR",
        name: "Marwari",
        code: Some("mwr"),
    },
    KalturaLanguage {
        constant: "MAS",
        name: "Masai",
        code: Some("mas"),
    },
    KalturaLanguage {
        constant: "MFY",
        name: "Mayo",
        code: Some("mfy"),
    },
    KalturaLanguage {
        constant: "MNI",
        name: "Meitei",
        code: Some("mni"),
    },
    KalturaLanguage {
        constant: "MEN",
        name: "Mende (Sierra Leone)",
        code: None,
    },
    KalturaLanguage {
        constant: "MEZ",
        name: "Menominee",
        code: Some("mez"),
    },
    KalturaLanguage {
        constant: "CRG",
        name: "Michif",
        code: Some("crg"),
    },
    KalturaLanguage {
        constant: "MIC",
        name: "Micmac",
        code: Some("mic"),
    },
    KalturaLanguage {
        constant: "MNP",
        name: "Min Bei Chinese",
        code: Some("mnp"),
    },
    KalturaLanguage {
        constant: "CDO",
        name: "Min Dong Chinese",
        code: Some("cdo"),
    },
    KalturaLanguage {
        constant: "MIN",
        name: "Minangkabau",
        code: Some("min"),
    },
    KalturaLanguage {
        constant: "XMF",
        name: "Mingrelian",
        code: Some("xmf"),
    },
    KalturaLanguage {
        constant: "MWL",
        name: "Mirandese",
        code: Some("mwl"),
    },
    KalturaLanguage {
        constant: "MOH",
        name: "Mohawk",
        code: Some("moh"),
    },
    KalturaLanguage {
        constant: "MDF",
        name: "Moksha",
        code: Some("mdf"),
    },
    KalturaLanguage {
        constant: "MO",
        name: "Moldavian",
        code: Some("mo"),
    },
    KalturaLanguage {
        constant: "MNW",
        name: "Mon",
        code: Some("mnw"),
    },
    KalturaLanguage {
        constant: "MN",
        name: "Mongolian",
        code: Some("mn"),
    },
    KalturaLanguage {
        constant: "MOE",
        name: "Montagnais",
        code: Some("moe"),
    },
    KalturaLanguage {
        constant: "MFE",
        name: "Morisyen",
        code: Some("mfe"),
    },
    KalturaLanguage {
        constant: "MOS",
        name: "Mossi",
        code: Some("mos"),
    },
    KalturaLanguage {
        constant: "MXI",
        name: "Mozarabic",
        code: Some("mxi"),
    },
    KalturaLanguage {
        constant: "MU",
        name: "Multilingual",
        code: Some("mu"),
    },
    KalturaLanguage {
        constant: "MTQ",
        name: "Muong",
        code: Some("mtq"),
    },
    KalturaLanguage {
        constant: "NAQ",
        name: "Nama (Namibia)",
        code: None,
    },
    KalturaLanguage {
        constant: "GLD",
        name: "Nanai",
        code: Some("gld"),
    },
    KalturaLanguage {
        constant: "NSK",
        name: "Naskapi",
        code: Some("nsk"),
    },
    KalturaLanguage {
        constant: "NA",
        name: "Nauru",
        code: Some("na"),
    },
    KalturaLanguage {
        constant: "NAP",
        name: "Neapolitan",
        code: Some("nap"),
    },
    KalturaLanguage {
        constant: "NE",
        name: "Nepali",
        code: Some("ne"),
    },
    KalturaLanguage {
        constant: "NEW_",
        name: "Newari Nepal Bhasa",
        code: None,
    },
    KalturaLanguage {
        constant: "NIO",
        name: "Nganasan",
        code: Some("nio"),
    },
    KalturaLanguage {
        constant: "NCG",
        name: "Nisgaa",
        code: None,
    },
    KalturaLanguage {
        constant: "NIU",
        name: "Niuean",
        code: Some("niu"),
    },
    KalturaLanguage {
        constant: "ZXX",
        name: "No linguistic content",
        code: Some("zxx"),
    },
    KalturaLanguage {
        constant: "NOG",
        name: "Nogai",
        code: Some("nog"),
    },
    KalturaLanguage {
        constant: "NON",
        name: "Norse Old",
        code: None,
    },
    KalturaLanguage {
        constant: "NSO",
        name: "Northern Sotho Pedi Sepedi",
        code: None,
    },
    KalturaLanguage {
        constant: "NO",
        name: "Norwegian",
        code: Some("no"),
    },
    KalturaLanguage {
        constant: "NOV",
        name: "Novial",
        code: Some("nov"),
    },
    KalturaLanguage {
        constant: "NYM",
        name: "Nyamwezi",
        code: Some("nym"),
    },
    KalturaLanguage {
        constant: "NYO",
        name: "Nyoro",
        code: Some("nyo"),
    },
    KalturaLanguage {
        constant: "NYS",
        name: "Nyungah",
        code: Some("nys"),
    },
    KalturaLanguage {
        constant: "OC",
        name: "Occitan",
        code: Some("oc"),
    },
    KalturaLanguage {
        constant: "OJC",
        name: "Ojibwa Central",
        code: None,
    },
    KalturaLanguage {
        constant: "OJG",
        name: "Ojibwa Eastern",
        code: None,
    },
    KalturaLanguage {
        constant: "OJB",
        name: "Ojibwa Northwestern",
        code: None,
    },
    KalturaLanguage {
        constant: "OJS",
        name: "Ojibwa Severn",
        code: Some("ojs"),
    },
    KalturaLanguage {
        constant: "OJW",
        name: "Ojibwa Western",
        code: Some("ojw"),
    },
    KalturaLanguage {
        constant: "OJ",
        name: "Ojibwe, Ojibwa",
        code: Some("oj"),
    },
    KalturaLanguage {
        constant: "OKA",
        name: "Okanagan",
        code: Some("oka"),
    },
    KalturaLanguage {
        constant: "RYU",
        name: "Okinawan Central",
        code: None,
    },
    KalturaLanguage {
        constant: "ANG",
        name: "Old English",
        code: Some("ang"),
    },
    KalturaLanguage {
        constant: "ONE",
        name: "Oneida",
        code: None,
    },
    KalturaLanguage {
        constant: "ONO",
        name: "Onondaga",
        code: Some("ono"),
    },
    KalturaLanguage {
        constant: "OR_",
        name: "Oriya",
        code: Some("or_"),
    },
    KalturaLanguage {
        constant: "OM",
        name: "Oromo (Afan, Galla)",
        code: Some("om"),
    },
    KalturaLanguage {
        constant: "OTW",
        name: "Ottawa",
        code: Some("otw"),
    },
    KalturaLanguage {
        constant: "PPI",
        name: "Paipai",
        code: Some("ppi"),
    },
    KalturaLanguage {
        constant: "PAU",
        name: "Palauan",
        code: Some("pau"),
    },
    KalturaLanguage {
        constant: "PAM",
        name: "Pampanga",
        code: Some("pam"),
    },
    KalturaLanguage {
        constant: "PAG",
        name: "Pangasinan",
        code: Some("pag"),
    },
    KalturaLanguage {
        constant: "PAP",
        name: "Papiamento",
        code: Some("pap"),
    },
    KalturaLanguage {
        constant: "PS",
        name: "Pashto (Pushto)",
        code: Some("ps"),
    },
    KalturaLanguage {
        constant: "PRP",
        name: "Persian",
        code: Some("prp"),
    },
    KalturaLanguage {
        constant: "PRS",
        name: "Persian (Dari)",
        code: None,
    },
    KalturaLanguage {
        constant: "FA_IR",
        name: "Persian (Iran)",
        code: None,
    },
    KalturaLanguage {
        constant: "PFL",
        name: "Pfaelzisch",
        code: Some("pfl"),
    },
    KalturaLanguage {
        constant: "PCD",
        name: "Picard",
        code: Some("pcd"),
    },
    KalturaLanguage {
        constant: "PMS",
        name: "Piedmontese",
        code: Some("pms"),
    },
    KalturaLanguage {
        constant: "MYP",
        name: "Pirah",
        code: None,
    },
    KalturaLanguage {
        constant: "PIH",
        name: "Pitcairn-Norfolk",
        code: Some("pih"),
    },
    KalturaLanguage {
        constant: "PDT",
        name: "Plautdietsch",
        code: Some("pdt"),
    },
    KalturaLanguage {
        constant: "PL",
        name: "Polish",
        code: Some("pl"),
    },
    KalturaLanguage {
        constant: "PNT",
        name: "Pontic",
        code: Some("pnt"),
    },
    KalturaLanguage {
        constant: "PT",
        name: "Portuguese",
        code: Some("pt"),
    },
    KalturaLanguage {
        constant: "PT_BR",
        name: "Portuguese (Brazil)",
        code: Some("pt_br"),
    },
    KalturaLanguage {
        constant: "POT",
        name: "Potawatomi",
        code: Some("pot"),
    },
    KalturaLanguage {
        constant: "PRG",
        name: "Prussian",
        code: Some("prg"),
    },
    KalturaLanguage {
        constant: "FUC",
        name: "Pulaar",
        code: Some("fuc"),
    },
    KalturaLanguage {
        constant: "PA",
        name: "Punjabi",
        code: Some("pa"),
    },
    KalturaLanguage {
        constant: "QXQ",
        name: "Qashqai",
        code: None,
    },
    KalturaLanguage {
        constant: "ALC",
        name: "Qawasqar",
        code: Some("alc"),
    },
    KalturaLanguage {
        constant: "QU",
        name: "Quechua",
        code: Some("qu"),
    },
    KalturaLanguage {
        constant: "QUC",
        name: "Quich Central",
        code: None,
    },
    KalturaLanguage {
        constant: "RAP",
        name: "Rapanui",
        code: Some("rap"),
    },
    KalturaLanguage {
        constant: "RAR",
        name: "Rarotongan",
        code: Some("rar"),
    },
    KalturaLanguage {
        constant: "QTZ",
        name: "Reserved for local use.",
        code: Some("qtz"),
    },
    KalturaLanguage {
        constant: "RM",
        name: "Rhaeto-Romance",
        code: Some("rm"),
    },
    KalturaLanguage {
        constant: "RGN",
        name: "Romagnol",
        code: Some("rgn"),
    },
    KalturaLanguage {
        constant: "RMF",
        name: "Romani Kalo Finnish",
        code: None,
    },
    KalturaLanguage {
        constant: "RMO",
        name: "Romani Sinte",
        code: None,
    },
    KalturaLanguage {
        constant: "RO",
        name: "Romanian",
        code: Some("ro"),
    },
    KalturaLanguage {
        constant: "RUO",
        name: "Romanian Istro",
        code: None,
    },
    KalturaLanguage {
        constant: "RUQ",
        name: "Romanian Megleno",
        code: None,
    },
    KalturaLanguage {
        constant: "ROM",
        name: "Romany",
        code: Some("rom"),
    },
    KalturaLanguage {
        constant: "RCF",
        name: "Runion Creole French",
        code: None,
    },
    KalturaLanguage {
        constant: "RU",
        name: "Russian",
        code: Some("ru"),
    },
    KalturaLanguage {
        constant: "RUE",
        name: "Rusyn",
        code: Some("rue"),
    },
    KalturaLanguage {
        constant: "ACF",
        name: "Saint Lucian Creole French",
        code: Some("acf"),
    },
    KalturaLanguage {
        constant: "SAH",
        name: "Sakha",
        code: Some("sah"),
    },
    KalturaLanguage {
        constant: "SLR",
        name: "Salar",
        code: Some("slr"),
    },
    KalturaLanguage {
        constant: "STR",
        name: "Salish Straits",
        code: None,
    },
    KalturaLanguage {
        constant: "SAL",
        name: "Salishan languages",
        code: Some("sal"),
    },
    KalturaLanguage {
        constant: "SJD",
        name: "Sami Kildin",
        code: None,
    },
    KalturaLanguage {
        constant: "SMI",
        name: "Sami languages",
        code: Some("smi"),
    },
    KalturaLanguage {
        constant: "SM",
        name: "Samoan",
        code: Some("sm"),
    },
    KalturaLanguage {
        constant: "SG",
        name: "Sangro",
        code: Some("sg"),
    },
    KalturaLanguage {
        constant: "SA",
        name: "Sanskrit",
        code: Some("sa"),
    },
    KalturaLanguage {
        constant: "SAT",
        name: "Santali",
        code: Some("sat"),
    },
    KalturaLanguage {
        constant: "SRM",
        name: "Saramaccan",
        code: Some("srm"),
    },
    KalturaLanguage {
        constant: "SDC",
        name: "Sardinian Sassarese",
        code: None,
    },
    KalturaLanguage {
        constant: "STQ",
        name: "Saterland Frisian",
        code: Some("stq"),
    },
    KalturaLanguage {
        constant: "SXU",
        name: "Saxon Upper",
        code: None,
    },
    KalturaLanguage {
        constant: "SCO",
        name: "Scots",
        code: Some("sco"),
    },
    KalturaLanguage {
        constant: "SEC",
        name: "Sechelt",
        code: Some("sec"),
    },
    KalturaLanguage {
        constant: "TRV",
        name: "Seediq",
        code: Some("trv"),
    },
    KalturaLanguage {
        constant: "SEK",
        name: "Sekani",
        code: None,
    },
    KalturaLanguage {
        constant: "SEL",
        name: "Selkup",
        code: Some("sel"),
    },
    KalturaLanguage {
        constant: "SEE",
        name: "Seneca",
        code: Some("see"),
    },
    KalturaLanguage {
        constant: "SR",
        name: "Serbian",
        code: Some("sr"),
    },
    KalturaLanguage {
        constant: "SH",
        name: "Serbo-Croatian",
        code: Some("sh"),
    },
    KalturaLanguage {
        constant: "SEI",
        name: "Seri",
        code: Some("sei"),
    },
    KalturaLanguage {
        constant: "ST",
        name: "Sesotho",
        code: Some("st"),
    },
    KalturaLanguage {
        constant: "TN",
        name: "Setswana",
        code: Some("tn"),
    },
    KalturaLanguage {
        constant: "SJW",
        name: "Shawnee",
        code: Some("sjw"),
    },
    KalturaLanguage {
        constant: "SN",
        name: "Shona",
        code: Some("sn"),
    },
    KalturaLanguage {
        constant: "CJS",
        name: "Shor",
        code: Some("cjs"),
    },
    KalturaLanguage {
        constant: "SHH",
        name: "Shoshoni",
        code: Some("shh"),
    },
    KalturaLanguage {
        constant: "SHS",
        name: "Shuswap",
        code: Some("shs"),
    },
    KalturaLanguage {
        constant: "SCN",
        name: "Sicilian",
        code: Some("scn"),
    },
    KalturaLanguage {
        constant: "SID",
        name: "Sidamo",
        code: Some("sid"),
    },
    KalturaLanguage {
        constant: "BLA",
        name: "Siksika",
        code: Some("bla"),
    },
    KalturaLanguage {
        constant: "SZL",
        name: "Silesian",
        code: Some("szl"),
    },
    KalturaLanguage {
        constant: "ZH_CN",
        name: "Simplified Chinese",
        code: None,
    },
    KalturaLanguage {
        constant: "SD",
        name: "Sindhi",
        code: Some("sd"),
    },
    KalturaLanguage {
        constant: "SI",
        name: "Sinhalese",
        code: Some("si"),
    },
    KalturaLanguage {
        constant: "SS",
        name: "Siswati",
        code: Some("ss"),
    },
    KalturaLanguage {
        constant: "SMS",
        name: "Skolt Sami",
        code: Some("sms"),
    },
    KalturaLanguage {
        constant: "SCS",
        name: "Slavey North",
        code: None,
    },
    KalturaLanguage {
        constant: "XSL",
        name: "Slavey South",
        code: None,
    },
    KalturaLanguage {
        constant: "SK",
        name: "Slovak",
        code: Some("sk"),
    },
    KalturaLanguage {
        constant: "SK_SK",
        name: "Slovakian",
        code: None,
    },
    KalturaLanguage {
        constant: "SL",
        name: "Slovenian",
        code: Some("sl"),
    },
    KalturaLanguage {
        constant: "SO",
        name: "Somali",
        code: Some("so"),
    },
    KalturaLanguage {
        constant: "SNK",
        name: "Soninke",
        code: Some("snk"),
    },
    KalturaLanguage {
        constant: "DSB",
        name: "Sorbian Lower",
        code: None,
    },
    KalturaLanguage {
        constant: "HSB",
        name: "Sorbian Upper",
        code: None,
    },
    KalturaLanguage {
        constant: "SMA",
        name: "Southern Sami",
        code: Some("sma"),
    },
    KalturaLanguage {
        constant: "TCE",
        name: "Southern Tutchone",
        code: Some("tce"),
    },
    KalturaLanguage {
        constant: "ES",
        name: "Spanish",
        code: Some("es"),
    },
    KalturaLanguage {
        constant: "ES_XL",
        name: "Spanish (Latin America)",
        code: Some("es_xl"),
    },
    KalturaLanguage {
        constant: "SRN",
        name: "Sranan",
        code: Some("srn"),
    },
    KalturaLanguage {
        constant: "STO",
        name: "Stoney",
        code: None,
    },
    KalturaLanguage {
        constant: "XSV",
        name: "Sudovian",
        code: None,
    },
    KalturaLanguage {
        constant: "SUX",
        name: "Sumerian",
        code: Some("sux"),
    },
    KalturaLanguage {
        constant: "SU",
        name: "Sundanese",
        code: Some("su"),
    },
    KalturaLanguage {
        constant: "SVA",
        name: "Svan",
        code: Some("sva"),
    },
    KalturaLanguage {
        constant: "SWG",
        name: "Swabian",
        code: None,
    },
    KalturaLanguage {
        constant: "SW",
        name: "Swahili (Kiswahili)",
        code: Some("sw"),
    },
    KalturaLanguage {
        constant: "SV",
        name: "Swedish",
        code: Some("sv"),
    },
    KalturaLanguage {
        constant: "SWL",
        name: "Swedish Sign Language",
        code: Some("swl"),
    },
    KalturaLanguage {
        constant: "GSW",
        name: "Swiss German Alemannic Alsatian",
        code: None,
    },
    KalturaLanguage {
        constant: "SYR",
        name: "Syriac",
        code: Some("syr"),
    },
    KalturaLanguage {
        constant: "TAB",
        name: "Tabassaran",
        code: Some("tab"),
    },
    KalturaLanguage {
        constant: "SHY",
        name: "Tachawit",
        code: Some("shy"),
    },
    KalturaLanguage {
        constant: "SHI",
        name: "Tachelhit",
        code: Some("shi"),
    },
    KalturaLanguage {
        constant: "TL",
        name: "Tagalog",
        code: Some("tl"),
    },
    KalturaLanguage {
        constant: "TBW",
        name: "Tagbanwa",
        code: Some("tbw"),
    },
    KalturaLanguage {
        constant: "TGX",
        name: "Tagish",
        code: Some("tgx"),
    },
    KalturaLanguage {
        constant: "THT",
        name: "Tahltan",
        code: Some("tht"),
    },
    KalturaLanguage {
        constant: "TDD",
        name: "Tai Na",
        code: None,
    },
    KalturaLanguage {
        constant: "ZH_TW",
        name: "Taiwanese Mandarin",
        code: Some("zh_tw"),
    },
    KalturaLanguage {
        constant: "TG",
        name: "Tajik",
        code: Some("tg"),
    },
    KalturaLanguage {
        constant: "TLY",
        name: "Talysh",
        code: Some("tly"),
    },
    KalturaLanguage {
        constant: "TTQ",
        name: "Tamajaq Tawallammat",
        code: None,
    },
    KalturaLanguage {
        constant: "TAQ",
        name: "Tamasheq",
        code: Some("taq"),
    },
    KalturaLanguage {
        constant: "TZM",
        name: "Tamazight Central Atlas",
        code: None,
    },
    KalturaLanguage {
        constant: "TA",
        name: "Tamil",
        code: Some("ta"),
    },
    KalturaLanguage {
        constant: "TAR",
        name: "Tarahumara Central",
        code: None,
    },
    KalturaLanguage {
        constant: "TTT",
        name: "Tat Muslim",
        code: None,
    },
    KalturaLanguage {
        constant: "TT",
        name: "Tatar",
        code: Some("tt"),
    },
    KalturaLanguage {
        constant: "TE",
        name: "Telugu",
        code: Some("te"),
    },
    KalturaLanguage {
        constant: "TEO",
        name: "Teo Chew",
        code: Some("teo"),
    },
    KalturaLanguage {
        constant: "TET",
        name: "Tetum",
        code: Some("tet"),
    },
    KalturaLanguage {
        constant: "TH",
        name: "Thai",
        code: Some("th"),
    },
    KalturaLanguage {
        constant: "NOD",
        name: "Thai (Northern)",
        code: None,
    },
    KalturaLanguage {
        constant: "TTS",
        name: "Thai Northeastern",
        code: None,
    },
    KalturaLanguage {
        constant: "THP",
        name: "Thompson",
        code: None,
    },
    KalturaLanguage {
        constant: "BO",
        name: "Tibetan",
        code: Some("bo"),
    },
    KalturaLanguage {
        constant: "TIG",
        name: "Tigre",
        code: Some("tig"),
    },
    KalturaLanguage {
        constant: "TI",
        name: "Tigrinya",
        code: Some("ti"),
    },
    KalturaLanguage {
        constant: "TLI",
        name: "Tlingit",
        code: Some("tli"),
    },
    KalturaLanguage {
        constant: "TCX",
        name: "Toda",
        code: Some("tcx"),
    },
    KalturaLanguage {
        constant: "OOD",
        name: "Tohono Oodham",
        code: None,
    },
    KalturaLanguage {
        constant: "TPI",
        name: "Tok Pisin",
        code: Some("tpi"),
    },
    KalturaLanguage {
        constant: "TO",
        name: "Tonga",
        code: Some("to"),
    },
    KalturaLanguage {
        constant: "TOG",
        name: "Tonga (Nyasa)",
        code: None,
    },
    KalturaLanguage {
        constant: "ZH_HK",
        name: "Traditional Chinese",
        code: None,
    },
    KalturaLanguage {
        constant: "DDO",
        name: "Tsez",
        code: Some("ddo"),
    },
    KalturaLanguage {
        constant: "TSI",
        name: "Tsimshian",
        code: None,
    },
    KalturaLanguage {
        constant: "TS",
        name: "Tsonga",
        code: Some("ts"),
    },
    KalturaLanguage {
        constant: "TCY",
        name: "Tulu",
        code: Some("tcy"),
    },
    KalturaLanguage {
        constant: "TUM",
        name: "Tumbuka",
        code: Some("tum"),
    },
    KalturaLanguage {
        constant: "MZB",
        name: "Tumzabt",
        code: Some("mzb"),
    },
    KalturaLanguage {
        constant: "TPN",
        name: "Tupinamb",
        code: None,
    },
    KalturaLanguage {
        constant: "TUV",
        name: "Turkana",
        code: Some("tuv"),
    },
    KalturaLanguage {
        constant: "TR",
        name: "Turkish",
        code: Some("tr"),
    },
    KalturaLanguage {
        constant: "OTA",
        name: "Turkish Ottoman",
        code: None,
    },
    KalturaLanguage {
        constant: "TK",
        name: "Turkmen",
        code: Some("tk"),
    },
    KalturaLanguage {
        constant: "TUS",
        name: "Tuscarora",
        code: Some("tus"),
    },
    KalturaLanguage {
        constant: "TVL",
        name: "Tuvalu",
        code: Some("tvl"),
    },
    KalturaLanguage {
        constant: "TYV",
        name: "Tuvinian",
        code: Some("tyv"),
    },
    KalturaLanguage {
        constant: "TW",
        name: "Twi",
        code: Some("tw"),
    },
    KalturaLanguage {
        constant: "UBY",
        name: "Ubykh",
        code: None,
    },
    KalturaLanguage {
        constant: "UDI",
        name: "Udi",
        code: Some("udi"),
    },
    KalturaLanguage {
        constant: "UDM",
        name: "Udmurt",
        code: Some("udm"),
    },
    KalturaLanguage {
        constant: "UG",
        name: "Uighur",
        code: Some("ug"),
    },
    KalturaLanguage {
        constant: "UK",
        name: "Ukrainian",
        code: Some("uk"),
    },
    KalturaLanguage {
        constant: "UN",
        name: "Undefined",
        code: Some("un"),
    },
    KalturaLanguage {
        constant: "UR",
        name: "Urdu",
        code: Some("ur"),
    },
    KalturaLanguage {
        constant: "UUM",
        name: "Urum",
        code: Some("uum"),
    },
    KalturaLanguage {
        constant: "UZ",
        name: "Uzbek",
        code: Some("uz"),
    },
    KalturaLanguage {
        constant: "VEC",
        name: "Venetian",
        code: Some("vec"),
    },
    KalturaLanguage {
        constant: "VEP",
        name: "Veps",
        code: Some("vep"),
    },
    KalturaLanguage {
        constant: "VI",
        name: "Vietnamese",
        code: Some("vi"),
    },
    KalturaLanguage {
        constant: "VO",
        name: "Volapuk",
        code: Some("vo"),
    },
    KalturaLanguage {
        constant: "VOR",
        name: "Voro",
        code: Some("vor"),
    },
    KalturaLanguage {
        constant: "VOT",
        name: "Votic",
        code: None,
    },
    KalturaLanguage {
        constant: "VRO",
        name: "Vro",
        code: None,
    },
    KalturaLanguage {
        constant: "AUC",
        name: "Waorani",
        code: Some("auc"),
    },
    KalturaLanguage {
        constant: "WAR",
        name: "Waray (Philippines)",
        code: None,
    },
    KalturaLanguage {
        constant: "CY",
        name: "Welsh",
        code: Some("cy"),
    },
    KalturaLanguage {
        constant: "PES",
        name: "Western Farsi",
        code: Some("pes"),
    },
    KalturaLanguage {
        constant: "AMW",
        name: "Western Neo-Aramaic",
        code: Some("amw"),
    },
    KalturaLanguage {
        constant: "WIY",
        name: "Wiyot",
        code: Some("wiy"),
    },
    KalturaLanguage {
        constant: "WO",
        name: "Wolof",
        code: Some("wo"),
    },
    KalturaLanguage {
        constant: "WUU",
        name: "Wu Chinese",
        code: Some("wuu"),
    },
    KalturaLanguage {
        constant: "WYM",
        name: "Wymysorys",
        code: None,
    },
    KalturaLanguage {
        constant: "XH",
        name: "Xhosa",
        code: Some("xh"),
    },
    KalturaLanguage {
        constant: "AME",
        name: "Yanesha",
        code: None,
    },
    KalturaLanguage {
        constant: "YI",
        name: "Yiddish",
        code: Some("yi"),
    },
    KalturaLanguage {
        constant: "JI",
        name: "Yiddish",
        code: Some("yi"),
    },
    KalturaLanguage {
        constant: "YO",
        name: "Yoruba",
        code: Some("yo"),
    },
    KalturaLanguage {
        constant: "ZAI",
        name: "Zapotec Isthmus",
        code: None,
    },
    KalturaLanguage {
        constant: "DJE",
        name: "Zarma",
        code: Some("dje"),
    },
    KalturaLanguage {
        constant: "ZU",
        name: "Zulu",
        code: Some("zu"),
    },
];
