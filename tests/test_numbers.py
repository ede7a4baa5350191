"""Numbers the law writes in words are read as the figures our guides write in digits."""

from assistant.numbers import number_words


def test_spanish_and_english_number_words_read_as_digits():
    assert number_words("Hasta por dieciocho meses; treinta y seis meses") == {"18", "36"}
    assert number_words("un plazo de ciento ochenta días") == {"180"}
    assert number_words("within sixty days, or twenty-five in some cases") == {"60", "25"}
    assert number_words("two hundred and fifty workers") == {"250"}


def test_percent_and_articles_are_not_counts():
    assert number_words("se pagarán con un doscientos por ciento más") == {"200"}  # "por ciento" is no hundred
    assert number_words("un año, una vez, one worker") == frozenset()
