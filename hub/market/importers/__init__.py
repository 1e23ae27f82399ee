"""Importers of the supplier market: OCDS packages (`ocds`), the Digital Marketplace
opportunities CSV (`digital_marketplace`), and matching buyers and suppliers (`matching`)."""
