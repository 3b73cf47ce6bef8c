"""An episode's audio: finding its recording and mapping playback times to the transcript."""
