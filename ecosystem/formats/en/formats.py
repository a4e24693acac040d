# English as a Finnish public service writes it: the 24-hour clock. Django's "P" format ("8:36 a.m.")
# ends in a full stop, which doubles at the end of a sentence ("closed at 8:36 a.m..").
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
