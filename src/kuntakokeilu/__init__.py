"""kuntakokeilu: the information system of Finland's municipal employment experiments."""

__version__ = "0.1.0"
