"""The text toolkit every stage uses: normalisation, tokens, numbers, sentences, word lists."""
